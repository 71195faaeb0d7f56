package io.agentq.workflows.cycle;

/** The steps of a daily cycle, in order. */
public enum CycleStep {
  COLLECT,
  PAIRS,
  TRAIN,
  EVALUATE,
  PROMOTE,
  REPORT;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
