package io.agentq.workers.evaluation;

import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.Policy;
import io.agentq.core.SuccessRate;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs episodes on a list of goals over a few threads and reports the success rate with its 95%
 * interval and the mean score.
 */
public final class Evaluation {
  /** What one evaluation measured. */
  public record Report(
      String policy,
      String search,
      String budget,
      String driver,
      String split,
      int tasks,
      SuccessRate success,
      double meanScore,
      double meanSteps,
      double seconds,
      int failed,
      List<Episode> episodes) {}

  private Evaluation() {}

  /** One episode without search: the policy acts at every step. */
  public static Episode runOne(
      ShopRuntime shop,
      DriverFactory drivers,
      Goal goal,
      Policy policy,
      int maxSteps,
      long seed,
      String runId) {
    try (Environment env = shop.episode(goal, runId + "-t" + goal.index(), drivers)) {
      return new EpisodeLoop(policy, maxSteps)
          .run(
              Integer.toString(goal.index()),
              env,
              new SplittableRandom(seed * 1_000_003L + goal.index()));
    }
  }

  public static Report run(
      String split,
      String search,
      String budget,
      String driver,
      List<Goal> goals,
      int threads,
      Function<Goal, Episode> episode,
      Progress progress) {
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    Episode[] results = new Episode[goals.size()];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < Math.max(1, threads); t++) {
        workers.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < goals.size()) {
                    results[i] = safely(episode, goals.get(i));
                    progress.done(results[i]);
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<Episode> episodes = List.of(results);
    int wins = (int) episodes.stream().filter(Episode::success).count();
    return new Report(
        episodes.stream().map(Episode::policy).filter(p -> !p.isEmpty()).findFirst().orElse(""),
        search,
        budget,
        driver,
        split,
        goals.size(),
        SuccessRate.of(wins, goals.size()),
        episodes.stream().mapToDouble(Episode::score).average().orElse(0),
        episodes.stream().mapToInt(Episode::length).average().orElse(0),
        (System.nanoTime() - start) / 1e9,
        (int) episodes.stream().filter(Episode::failed).count(),
        episodes);
  }

  /**
   * One episode; one that fails after its own retries is recorded as failed with its reason, and
   * the evaluation goes on. Bad input (a reused run id, an unknown task) still stops it.
   */
  static Episode safely(Function<Goal, Episode> episode, Goal goal) {
    try {
      return episode.apply(goal);
    } catch (RuntimeException e) {
      if (io.agentq.core.InputException.in(e).isPresent()) {
        throw e;
      }
      String why = reason(e);
      System.err.printf("%nepisode on task %d failed: %s%n", goal.index(), why);
      return Episode.failed(null, Integer.toString(goal.index()), "", why);
    }
  }

  /** The innermost message of a failure chain: what went wrong, not where it was wrapped. */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
