package io.agentq.core.training;

/**
 * The DPO objective in plain Java, the reference the DJL trainer is tested against
 * (specs/learning.md):
 *
 * <pre>
 *   m = beta * [ (log pi_theta(a_w|h) - r_w) - (log pi_theta(a_l|h) - r_l) ]
 *   L = -log sigmoid(m) = softplus(-m)
 * </pre>
 *
 * where r_w and r_l are the reference log-likelihoods stored with the pair. For outcome DPO the
 * log-likelihoods are sums over the steps of each trajectory.
 */
public final class DpoLoss {
  private DpoLoss() {}

  public static double margin(
      double beta, double policyW, double referenceW, double policyL, double referenceL) {
    return beta * ((policyW - referenceW) - (policyL - referenceL));
  }

  /** -log sigmoid(m), computed without overflow for large |m|. */
  public static double loss(double margin) {
    return softplus(-margin);
  }

  public static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** log pi(a | h) of candidate {@code index}: its score minus the log-sum-exp of all scores. */
  public static double logSoftmax(double[] scores, int index) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double z = 0;
    for (double s : scores) {
      z += Math.exp(s - max);
    }
    return scores[index] - max - Math.log(z);
  }
}
