package io.agentq.workflows.training;

/** The promotion rule of rounds and cycles: a candidate is promoted when it is not worse on dev. */
public final class Promotion {
  private Promotion() {}

  /**
   * Whether {@code candidate}'s dev success is at least {@code current}'s minus {@code margin}
   * (always, when there is no current version).
   */
  public static boolean notWorse(EvalSummary candidate, EvalSummary current, double margin) {
    return current == null || candidate.successRate() >= current.successRate() - margin;
  }
}
