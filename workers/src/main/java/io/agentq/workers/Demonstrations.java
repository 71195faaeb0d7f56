package io.agentq.workers;

import io.agentq.core.training.Trajectory;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.GoalCheck;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.WebShopReward;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.DemonstrationExpert;
import io.agentq.infra.training.TrajectoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scripted-expert demonstrations on train tasks, in sandbox sessions, each kept in the store as a
 * trajectory ({@code datasets/{name}/t{task}.json}, failures too, so a rerun reads every attempt
 * back instead of running it again). Goals are taken in the order given (the train split's seeded
 * sample stratified by product category, {@code ShopData.sample}) until {@code count} succeeded.
 */
final class Demonstrations {
  /** The reward the expert checks products with: WebShop's, with the shop's noun tagger. */
  private static final WebShopReward REWARD = new WebShopReward(new OpenNlpNounExtractor());

  private Demonstrations() {}

  record Collected(List<String> keys, int attempted, int interactions) {}

  static String key(String dataset, Goal g) {
    return "datasets/" + dataset + "/t" + g.index() + ".json";
  }

  static Collected collect(
      ShopRuntime rt,
      DriverFactory drivers,
      JsonArtifacts artifacts,
      String dataset,
      List<Goal> trainGoals,
      int count,
      int maxSteps,
      int threads,
      Progress progress) {
    TrajectoryRecorder recorder = new TrajectoryRecorder(new ObservationStore(artifacts));
    List<String> keys = new ArrayList<>();
    int attempted = 0;
    int interactions = 0;
    int next = 0;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      while (keys.size() < count && next < trainGoals.size()) {
        int want = count - keys.size();
        List<Goal> batch = trainGoals.subList(next, Math.min(trainGoals.size(), next + want));
        next += batch.size();
        List<Future<Trajectory>> running = new ArrayList<>();
        for (Goal g : batch) {
          running.add(
              pool.submit(() -> one(rt, drivers, artifacts, recorder, dataset, g, maxSteps)));
        }
        for (int i = 0; i < batch.size(); i++) {
          Trajectory t = running.get(i).get();
          attempted++;
          interactions += t.interactions();
          progress.done(t.success());
          if (t.success() && keys.size() < count) {
            keys.add(key(dataset, batch.get(i)));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("collecting demonstrations was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Collected(keys, attempted, interactions);
  }

  private static Trajectory one(
      ShopRuntime rt,
      DriverFactory drivers,
      JsonArtifacts artifacts,
      TrajectoryRecorder recorder,
      String dataset,
      Goal g,
      int maxSteps) {
    String key = key(dataset, g);
    Optional<Trajectory> done = artifacts.get(key, Trajectory.class);
    if (done.isPresent()) {
      return done.get();
    }
    String episodeId = dataset + "-t" + g.index();
    try (var env = rt.sandboxEpisode(g, episodeId, drivers)) {
      Trajectory t =
          recorder
              .record(
                  episodeId,
                  Integer.toString(g.index()),
                  g.asin(),
                  env,
                  new DemonstrationExpert(new GoalCheck(g, rt.data(), REWARD), rt.data().target(g)),
                  maxSteps,
                  new SplittableRandom(g.index()))
              .trajectory();
      artifacts.put(key, "trajectory", t);
      return t;
    }
  }
}
