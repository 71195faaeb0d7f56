package io.agentq.core.training;

import java.util.List;

/**
 * One training run, as the trainer activity receives it and the trainer carries it out: where it
 * keeps its epochs, the version it stores, what it starts from and what it learns from.
 *
 * @param runKey where the run keeps its epochs, e.g. "training/ladder-1/base"
 * @param version the version name the result is stored as (chosen by the caller, so a retry stores
 *     the same)
 * @param method "bc", "rft", "outcome-dpo", "agentq-round-1", ...
 * @param parent the version to start from, or null for fresh weights of {@code hidden}
 * @param data store keys of the data (trajectory files, or pairs.jsonl files)
 * @param pairsPerTask outcome DPO: the most success/failure pairs made per task
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
    DataKind kind,
    List<String> data,
    int pairsPerTask) {
  public TrainingSpec {
    hidden = List.copyOf(hidden);
    data = List.copyOf(data);
  }
}
