package io.agentq.core.training;

/** What stored training data is, and so what a training run makes of it. */
public enum DataKind {
  /** Episode files; the steps of the successful ones are imitated (BC, RFT). */
  SUCCESSES,
  /** Episode files; a success and a failure on one task make a pair (outcome DPO, Eq. 6). */
  OUTCOME_PAIRS,
  /**
   * Node-level pairs, one JSON line each: searched episodes' pairs.jsonl, or a round's pairs kept
   * by the visits rule with their weights (Agent Q's DPO).
   */
  NODE_PAIRS,
  /** Checked-episode files: the labels sandbox purchases gave a policy's own pages (imitated). */
  LABELS,
  /** Searched trees (tree.json): a soft target over every expanded node's candidates. */
  SEARCH_TARGETS,
  /** Searched trees (tree.json): the decisions of the committed path of a successful episode. */
  SEARCH_PATHS;

  /** Whether the data gives decisions to imitate (rather than pairs or soft targets). */
  public boolean imitated() {
    return this == SUCCESSES || this == LABELS || this == SEARCH_PATHS;
  }

  /** The objective a run on this data alone minimises. */
  public Objective objective() {
    return switch (this) {
      case SUCCESSES, LABELS, SEARCH_PATHS -> Objective.IMITATION;
      case OUTCOME_PAIRS, NODE_PAIRS -> Objective.DPO;
      case SEARCH_TARGETS -> Objective.SEARCH;
    };
  }
}
