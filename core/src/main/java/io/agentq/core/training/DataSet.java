package io.agentq.core.training;

import java.util.List;

/**
 * Stored training data of one kind: the store keys of its files, given inline or, for long lists,
 * as the key of a stored JSON list of them ({@code listedIn}), so that a workflow's input and
 * history carry one key rather than thousands.
 *
 * @param keys the data files' keys (empty when {@code listedIn} names them)
 * @param listedIn the store key of a JSON array of the data files' keys, or null
 */
public record DataSet(DataKind kind, List<String> keys, String listedIn) {
  public DataSet {
    if (kind == null) {
      throw new IllegalArgumentException("a data set needs a kind");
    }
    keys = keys == null ? List.of() : List.copyOf(keys);
    if (listedIn != null && !keys.isEmpty()) {
      throw new IllegalArgumentException("a data set lists its keys inline or in a file, not both");
    }
  }

  public static DataSet of(DataKind kind, List<String> keys) {
    return new DataSet(kind, keys, null);
  }

  /** A data set whose keys are the JSON array stored under {@code listKey}. */
  public static DataSet listed(DataKind kind, String listKey) {
    return new DataSet(kind, List.of(), listKey);
  }

  /** How the data set names its files, for messages: "12 files" or "the files listed in K". */
  public String describe() {
    return listedIn == null ? keys.size() + " files" : "the files listed in " + listedIn;
  }
}
