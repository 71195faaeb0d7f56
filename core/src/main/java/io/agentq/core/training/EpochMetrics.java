package io.agentq.core.training;

/**
 * What one epoch measured. For imitation, {@code accuracy} is the share of decisions where the
 * chosen action has the highest score; for DPO it is the pair accuracy (margin > 0) and {@code
 * meanMargin} the mean DPO margin m; for soft targets it is the share where the highest score is on
 * the target's most probable action, and {@code meanKl} the mean KL(pi' || pi_theta). In a search
 * run mixing the kinds, {@code loss} is the weighted objective, {@code accuracy} the share of all
 * examples each judged by its kind's test, and the margin and KL are means over the pairs and the
 * soft decisions only (0 where there are none; metrics stored before {@code meanKl} existed read
 * 0).
 */
public record EpochMetrics(
    int epoch,
    double loss,
    double accuracy,
    double meanMargin,
    int examples,
    double seconds,
    double meanKl) {

  /** Metrics of a run without soft targets. */
  public EpochMetrics(
      int epoch, double loss, double accuracy, double meanMargin, int examples, double seconds) {
    this(epoch, loss, accuracy, meanMargin, examples, seconds, 0);
  }
}
