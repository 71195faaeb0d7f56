package io.agentq.core.training;

/**
 * A decision taught by a distribution instead of one action: the frozen features of every candidate
 * of the page (one row each, same width) and the target probability of each, e.g. the completed-Q
 * policy of a searched node ({@link SearchTarget}). The trainer minimises the cross-entropy -sum_a
 * target(a) log pi_theta(a | h).
 */
public record SoftDecision(float[][] candidates, double[] target) {
  /** How far the target's sum may be from 1. */
  public static final double SUM_TOLERANCE = 1e-6;

  public SoftDecision {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("a soft decision needs at least one candidate");
    }
    if (target.length != candidates.length) {
      throw new IllegalArgumentException(
          "a soft decision needs one target probability per candidate, got "
              + target.length
              + " for "
              + candidates.length
              + " candidates");
    }
    double sum = 0;
    for (int a = 0; a < target.length; a++) {
      if (!(target[a] >= 0 && target[a] <= 1)) {
        throw new IllegalArgumentException(
            "target probability of candidate " + a + " is " + target[a] + ", not in [0, 1]");
      }
      sum += target[a];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          "the target probabilities of a soft decision sum to " + sum + ", not 1");
    }
  }

  public int width() {
    return candidates[0].length;
  }
}
