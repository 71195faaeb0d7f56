package io.agentq.core.training;

import java.util.List;

/**
 * One training run, as the trainer activity receives it and the trainer carries it out: where it
 * keeps its epochs, the version it stores, what it starts from, on which feature row, and what it
 * learns from (data sets of several kinds: a searched round may learn from pairs, soft targets and
 * committed paths at once; the config's objective says how).
 *
 * @param runKey where the run keeps its epochs, e.g. "training/ladder-1/base"
 * @param version the version name the result is stored as (chosen by the caller, so a retry stores
 *     the same)
 * @param method "bc", "rft", "outcome-dpo", "agentq-round-1", ...
 * @param parent the version to start from, or null for fresh weights of {@code hidden}
 * @param data the data, by kind
 * @param pairsPerTask outcome DPO: the most success/failure pairs made per task
 * @param layout the feature row to train on (null: the store's default); a parent's row is kept
 */
public record TrainingSpec(
    String runKey,
    String version,
    String method,
    String description,
    String parent,
    List<Integer> hidden,
    double temperature,
    TrainingConfig config,
    List<DataSet> data,
    int pairsPerTask,
    String layout) {
  public TrainingSpec {
    hidden = List.copyOf(hidden);
    data = List.copyOf(data);
  }

  /**
   * The data keys given inline, in the order of the data sets (listed ones are resolved by the
   * run).
   */
  public List<String> keys() {
    return data.stream().flatMap(d -> d.keys().stream()).toList();
  }
}
