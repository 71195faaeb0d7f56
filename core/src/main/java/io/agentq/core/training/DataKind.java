package io.agentq.core.training;

/** What the stored data of a training run is, and so which objective reads it. */
public enum DataKind {
  /** Trajectory files; the steps of the successful ones are imitated (BC, RFT). */
  SUCCESSES,
  /** Trajectory files; a success and a failure on one task make a pair (outcome DPO, Eq. 6). */
  OUTCOME_PAIRS,
  /** pairs.jsonl files of searched episodes: Agent Q's node-level pairs. */
  NODE_PAIRS;

  public Objective objective() {
    return this == SUCCESSES ? Objective.IMITATION : Objective.DPO;
  }
}
