package io.agentq.core.training;

/** What a training run minimises (specs/learning.md, "Objectives"). */
public enum Objective {
  /** -log pi(a* | h) on demonstrations: behaviour cloning (expert) or RFT (own successes). */
  IMITATION,
  /** softplus(-m) on preferences: node-level (Agent Q) or trajectory-level (outcome DPO). */
  DPO,
  /**
   * What a searched round can learn from, in one run: DPO on node pairs (weight 1), plus the
   * cross-entropy to soft targets of searched nodes (weight {@link TrainingConfig#softWeight()}),
   * plus -log pi(a* | h) on the decisions of the committed successful path (weight {@link
   * TrainingConfig#imitationWeight()}). Any of the three may be absent: soft targets alone are the
   * search distilled into the policy.
   */
  SEARCH
}
