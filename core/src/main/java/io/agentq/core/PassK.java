package io.agentq.core;

import java.util.List;

/**
 * pass^k (tau-bench): the chance that k independent runs of the same task all succeed, estimated
 * per task without bias from c successes in n runs as {@code C(c, k) / C(n, k)} (drawing k of the n
 * runs without replacement, all k are successes), then averaged over tasks. pass^1 is the success
 * rate; pass^k falls with k when a policy succeeds on a task only some of the time.
 */
public final class PassK {
  /** One task's runs: {@code successes} of {@code runs} succeeded. */
  public record Runs(int runs, int successes) {
    public Runs {
      if (runs < 0 || successes < 0 || successes > runs) {
        throw new IllegalArgumentException(
            "runs " + runs + " with " + successes + " successes: need 0 <= successes <= runs");
      }
    }
  }

  private PassK() {}

  /** {@code C(c, k) / C(n, k)} for one task; needs {@code 1 <= k <= n}. */
  public static double ofTask(int n, int c, int k) {
    new Runs(n, c);
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "pass^" + k + " needs at least " + k + " runs per task, got " + n);
    }
    // C(c,k)/C(n,k) = prod_{i=0}^{k-1} (c-i)/(n-i): no large binomials.
    double p = 1;
    for (int i = 0; i < k; i++) {
      p *= (double) (c - i) / (n - i);
    }
    return Math.max(0, p);
  }

  /** The mean of {@link #ofTask} over tasks; every task needs at least k runs. */
  public static double of(List<Runs> tasks, int k) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("pass^" + k + " of no tasks");
    }
    double sum = 0;
    for (Runs t : tasks) {
      sum += ofTask(t.runs(), t.successes(), k);
    }
    return sum / tasks.size();
  }
}
