package io.agentq.core.training;

/** What a training run minimises (specs/learning.md, "Objectives"). */
public enum Objective {
  /** -log pi(a* | h) on demonstrations: behaviour cloning (expert) or RFT (own successes). */
  IMITATION,
  /** softplus(-m) on preferences: node-level (Agent Q) or trajectory-level (outcome DPO). */
  DPO
}
