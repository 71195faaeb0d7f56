package io.agentq.activities.training;

import io.agentq.core.Environment;
import io.agentq.core.Policy;
import io.agentq.core.training.Trajectory;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.training.TrajectoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The policy's own episodes on train tasks as training data (RFT keeps the successes, outcome DPO
 * pairs a success with a failure on one task): {@code samplesPerTask} sampled episodes per task,
 * tasks in the order given (the train split's stratified sample, {@link TaskSite#tasks}), until the
 * interaction budget is spent. Every trajectory is kept in the store ({@code
 * {prefix}/t{task}-s{k}.json}) and read back on a rerun; the batches are fixed, so a rerun decides
 * where to stop exactly as the first run did.
 */
public final class TrajectorySampling {
  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final TrajectoryRecorder recorder;
  private final int threads;

  public TrajectorySampling(JsonArtifacts artifacts, TaskSite site, int threads) {
    this.artifacts = artifacts;
    this.site = site;
    this.recorder = new TrajectoryRecorder(new ObservationStore(artifacts));
    this.threads = Math.max(1, threads);
  }

  /**
   * @param keys the trajectories' store keys
   * @param interactions environment steps they cost
   * @param tasks train tasks sampled
   * @param successes successful trajectories
   * @param readBack trajectories found in the store rather than run
   */
  public record Sampled(
      List<String> keys, int interactions, int tasks, int successes, int readBack) {}

  public Sampled sample(
      String prefix,
      Policy policy,
      List<Integer> trainTasks,
      int samplesPerTask,
      int budget,
      int maxSteps,
      long seed) {
    List<String> keys = new ArrayList<>();
    int interactions = 0;
    int tasks = 0;
    int successes = 0;
    int readBack = 0;
    int batch = Math.max(1, threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int from = 0; from < trainTasks.size() && interactions < budget; from += batch) {
        List<Future<Result>> running = new ArrayList<>();
        for (int task : trainTasks.subList(from, Math.min(trainTasks.size(), from + batch))) {
          for (int k = 0; k < samplesPerTask; k++) {
            int sample = k;
            running.add(pool.submit(() -> one(prefix, policy, task, sample, maxSteps, seed)));
          }
          tasks++;
        }
        for (Future<Result> f : running) {
          Result r = f.get();
          keys.add(r.key());
          interactions += r.trajectory().interactions();
          successes += r.trajectory().success() ? 1 : 0;
          readBack += r.readBack() ? 1 : 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sampling interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException x
          ? x
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Sampled(keys, interactions, tasks, successes, readBack);
  }

  private record Result(String key, Trajectory trajectory, boolean readBack) {}

  private Result one(String prefix, Policy policy, int task, int sample, int maxSteps, long seed) {
    String key = prefix + "/t" + task + "-s" + sample + ".json";
    Optional<Trajectory> done = artifacts.get(key, Trajectory.class);
    if (done.isPresent()) {
      return new Result(key, done.get(), true);
    }
    String episodeId = prefix.replace('/', '-') + "-t" + task + "-s" + sample;
    Trajectory t;
    try (Environment env = site.sandbox(task, episodeId)) {
      t =
          recorder
              .record(
                  episodeId,
                  Integer.toString(task),
                  site.target(task),
                  env,
                  policy,
                  maxSteps,
                  new SplittableRandom((seed * 1_000_003L + task) * 31 + sample))
              .trajectory();
    }
    artifacts.put(key, "trajectory", t);
    return new Result(key, t, false);
  }
}
