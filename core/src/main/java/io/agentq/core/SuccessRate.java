package io.agentq.core;

/**
 * A success rate with its 95% Wilson score interval, which stays inside [0, 1] and behaves at 0 and
 * n successes, unlike the normal approximation.
 */
public record SuccessRate(int successes, int trials, double rate, double low, double high) {
  private static final double Z95 = 1.959963984540054;

  public static SuccessRate of(int successes, int trials) {
    if (trials <= 0) {
      return new SuccessRate(0, 0, 0, 0, 1);
    }
    double p = (double) successes / trials;
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / trials;
    double centre = (p + z2 / (2.0 * trials)) / denom;
    double half = Z95 * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denom;
    return new SuccessRate(
        successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  @Override
  public String toString() {
    return String.format(
        "%.1f%% (%d/%d, 95%% CI %.1f-%.1f%%)",
        100 * rate, successes, trials, 100 * low, 100 * high);
  }
}
