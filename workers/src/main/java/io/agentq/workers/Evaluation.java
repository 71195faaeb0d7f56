package io.agentq.workers;

import io.agentq.core.Environment;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.EpisodeResult;
import io.agentq.core.Policy;
import io.agentq.core.SuccessRate;
import io.agentq.environments.shop.Goal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs episodes on a list of goals, spread over a few threads (each with its own browser), and
 * reports the success rate with its 95% interval and the mean score.
 */
final class Evaluation {
  /** What one evaluation measured. */
  record Report(
      String policy,
      String driver,
      String split,
      int tasks,
      SuccessRate success,
      double meanScore,
      double meanSteps,
      double seconds,
      List<EpisodeResult> episodes) {}

  private final ShopRuntime shop;
  private final String driverKind;
  private final int maxSteps;
  private final long seed;
  private final int threads;

  Evaluation(ShopRuntime shop, String driverKind, int maxSteps, long seed, int threads) {
    this.shop = shop;
    this.driverKind = driverKind;
    this.maxSteps = maxSteps;
    this.seed = seed;
    this.threads = Math.max(1, threads);
  }

  static EpisodeResult runOne(
      ShopRuntime shop,
      ShopRuntime.Drivers drivers,
      Goal goal,
      Policy policy,
      int maxSteps,
      long seed,
      String sessionPrefix) {
    String session = sessionPrefix + "-" + goal.index() + "-" + seed;
    try (Environment env = shop.episode(goal, session, drivers)) {
      return new EpisodeLoop(policy, maxSteps)
          .run(
              Integer.toString(goal.index()),
              env,
              new SplittableRandom(seed * 1_000_003L + goal.index()));
    }
  }

  Report run(String split, List<Goal> goals, Function<Goal, Policy> policies, Progress progress) {
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    EpisodeResult[] results = new EpisodeResult[goals.size()];
    String prefix = "eval-" + Long.toHexString(System.nanoTime());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  try (ShopRuntime.Drivers drivers = new ShopRuntime.Drivers(driverKind)) {
                    int i;
                    while ((i = next.getAndIncrement()) < goals.size()) {
                      Goal g = goals.get(i);
                      results[i] =
                          runOne(shop, drivers, g, policies.apply(g), maxSteps, seed, prefix);
                      progress.done(results[i]);
                    }
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
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<EpisodeResult> episodes = List.of(results);
    int wins = (int) episodes.stream().filter(EpisodeResult::success).count();
    double meanScore = episodes.stream().mapToDouble(EpisodeResult::score).average().orElse(0);
    double meanSteps = episodes.stream().mapToInt(EpisodeResult::steps).average().orElse(0);
    String policy = episodes.isEmpty() ? "" : episodes.get(0).policy();
    return new Report(
        policy,
        driverKind,
        split,
        goals.size(),
        SuccessRate.of(wins, goals.size()),
        meanScore,
        meanSteps,
        (System.nanoTime() - start) / 1e9,
        episodes);
  }
}
