package io.agentq.core.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * A judge's calibration: its verdicts in {@code bins} equal-width bins of predicted probability
 * (bin b holds [b/B, (b+1)/B), the last one also 1.0), each with its mean predicted probability and
 * its observed success rate, and the expected calibration error
 *
 * <pre>
 *   ECE = sum_b (n_b / n) * | observed_b - predicted_b |
 * </pre>
 *
 * (Naeini et al. 2015; Guo et al. 2017). A perfectly calibrated judge's bins lie on the diagonal.
 */
public record Reliability(List<Bin> bins, int total, double ece) {
  /**
   * One bin.
   *
   * @param low its lower edge
   * @param high its upper edge
   * @param count verdicts in it
   * @param predicted their mean probability (NaN when empty)
   * @param observed the share of them that succeeded (NaN when empty)
   */
  public record Bin(double low, double high, int count, double predicted, double observed) {}

  public Reliability {
    bins = List.copyOf(bins);
  }

  public static Reliability of(List<Verdict> verdicts, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("reliability needs at least 1 bin, got " + bins);
    }
    int[] count = new int[bins];
    double[] predicted = new double[bins];
    int[] successes = new int[bins];
    for (Verdict v : verdicts) {
      int b = Math.min(bins - 1, (int) Math.floor(v.probability() * bins));
      count[b]++;
      predicted[b] += v.probability();
      successes[b] += v.success() ? 1 : 0;
    }
    List<Bin> out = new ArrayList<>();
    double ece = 0;
    int n = verdicts.size();
    for (int b = 0; b < bins; b++) {
      double p = count[b] == 0 ? Double.NaN : predicted[b] / count[b];
      double o = count[b] == 0 ? Double.NaN : (double) successes[b] / count[b];
      out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], p, o));
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(o - p);
      }
    }
    return new Reliability(out, n, ece);
  }
}
