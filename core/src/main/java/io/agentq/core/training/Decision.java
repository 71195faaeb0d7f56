package io.agentq.core.training;

/**
 * One decision of the agent as a trainer reads it: the frozen features of every candidate action of
 * the page (one row each, same width) and the index of the action taken.
 */
public record Decision(float[][] candidates, int chosen) {
  public Decision {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("a decision needs at least one candidate");
    }
    if (chosen < 0 || chosen >= candidates.length) {
      throw new IllegalArgumentException(
          "chosen index " + chosen + " is not among " + candidates.length + " candidates");
    }
  }

  public int width() {
    return candidates[0].length;
  }
}
