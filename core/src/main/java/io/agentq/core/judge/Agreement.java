package io.agentq.core.judge;

import io.agentq.core.SuccessRate;
import java.util.List;
import java.util.Locale;

/**
 * How a judge's verdicts at a threshold agree with the site's outcomes: the confusion counts
 * (success is the positive class; the judge says success when its probability is at least the
 * threshold) and the rates read from them, each with its 95% Wilson interval.
 *
 * <pre>
 *   agreement = (tp + tn) / n      precision = tp / (tp + fp)      recall = tp / (tp + fn)
 *   F1 = 2 tp / (2 tp + fp + fn)
 * </pre>
 *
 * A rate with an empty denominator (no episode judged a success, for precision) is 0 with the
 * interval [0, 1].
 */
public record Agreement(double threshold, int tp, int fp, int tn, int fn) {
  public static Agreement of(List<Verdict> verdicts, double threshold) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (Verdict v : verdicts) {
      boolean said = v.probability() >= threshold;
      if (said && v.success()) {
        tp++;
      } else if (said) {
        fp++;
      } else if (v.success()) {
        fn++;
      } else {
        tn++;
      }
    }
    return new Agreement(threshold, tp, fp, tn, fn);
  }

  public int total() {
    return tp + fp + tn + fn;
  }

  public SuccessRate agreement() {
    return SuccessRate.of(tp + tn, total());
  }

  public SuccessRate precision() {
    return SuccessRate.of(tp, tp + fp);
  }

  public SuccessRate recall() {
    return SuccessRate.of(tp, tp + fn);
  }

  public double f1() {
    int d = 2 * tp + fp + fn;
    return d == 0 ? 0 : 2.0 * tp / d;
  }

  /** The threshold among the verdicts' own probabilities (and 0.5) with the highest agreement. */
  public static double bestThreshold(List<Verdict> verdicts) {
    double best = 0.5;
    int bestRight = Agreement.of(verdicts, 0.5).agreement().successes();
    for (Verdict v : verdicts) {
      int right = Agreement.of(verdicts, v.probability()).agreement().successes();
      if (right > bestRight
          || (right == bestRight && Math.abs(v.probability() - 0.5) < Math.abs(best - 0.5))) {
        best = v.probability();
        bestRight = right;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "agreement %s, precision %s, recall %s, F1 %.3f (threshold %.3f; tp %d fp %d tn %d fn %d)",
        agreement(),
        precision(),
        recall(),
        f1(),
        threshold,
        tp,
        fp,
        tn,
        fn);
  }
}
