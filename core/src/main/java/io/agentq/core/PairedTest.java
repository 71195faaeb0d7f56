package io.agentq.core;

import java.util.Map;

/**
 * The exact McNemar test of two methods on the same tasks: of the tasks where they disagree, b were
 * won by the first only and c by the second only; under "neither is better" each of the b + c is a
 * fair coin, so the two-sided p-value is 2 * P(Binomial(b + c, 1/2) <= min(b, c)), at most 1.
 *
 * @param firstOnly tasks only the first method solved (b)
 * @param secondOnly tasks only the second solved (c)
 */
public record PairedTest(int firstOnly, int secondOnly, double p) {
  /** The test of {@code second} against {@code first}, on the tasks both were run on. */
  public static PairedTest of(Map<Integer, Boolean> first, Map<Integer, Boolean> second) {
    int b = 0;
    int c = 0;
    for (Map.Entry<Integer, Boolean> e : first.entrySet()) {
      Boolean other = second.get(e.getKey());
      if (other == null) {
        continue;
      }
      b += e.getValue() && !other ? 1 : 0;
      c += !e.getValue() && other ? 1 : 0;
    }
    return new PairedTest(b, c, exactP(b, c));
  }

  /** 2 * P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), at most 1; 1 when they never disagree. */
  public static double exactP(int b, int c) {
    int n = b + c;
    if (n == 0) {
      return 1.0;
    }
    int k = Math.min(b, c);
    // sum_{i<=k} C(n, i) / 2^n, in logs so that n in the thousands stays finite
    double logHalfN = -n * Math.log(2);
    double sum = 0;
    double logC = 0; // log C(n, 0)
    for (int i = 0; i <= k; i++) {
      if (i > 0) {
        logC += Math.log(n - i + 1) - Math.log(i);
      }
      sum += Math.exp(logC + logHalfN);
    }
    return Math.min(1.0, 2 * sum);
  }

  /** "+12/-5, p = 0.14": tasks won by the second only, by the first only, and p. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT, "+%d/-%d, p = %s", secondOnly, firstOnly, format(p));
  }

  static String format(double p) {
    return p < 0.001 ? "<0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
  }
}
