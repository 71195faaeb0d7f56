package io.agentq.core.training;

import java.util.List;

/** Stored training data of one kind: the store keys of its files. */
public record DataSet(DataKind kind, List<String> keys) {
  public DataSet {
    if (kind == null) {
      throw new IllegalArgumentException("a data set needs a kind");
    }
    keys = List.copyOf(keys);
  }

  public static DataSet of(DataKind kind, List<String> keys) {
    return new DataSet(kind, keys);
  }
}
