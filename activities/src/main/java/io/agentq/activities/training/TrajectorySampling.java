package io.agentq.activities.training;

import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.Policy;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.training.TrajectoryRecorder;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One of the policy's own episodes on a train task as training data (RFT keeps the successes,
 * outcome DPO pairs a success with a failure on one task), kept in the store ({@code
 * {prefix}/t{task}-s{k}.json}) and read back when it finished before. The batches and the budget
 * are the data workflow's ({@code DataWorkflow}).
 */
public final class TrajectorySampling {
  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final TrajectoryRecorder recorder;

  public TrajectorySampling(JsonArtifacts artifacts, TaskSite site) {
    this.artifacts = artifacts;
    this.site = site;
    this.recorder = new TrajectoryRecorder(new ObservationStore(artifacts));
  }

  /** An episode's trajectory, its key, and whether it was read back. */
  public record Result(String key, Episode trajectory, boolean readBack) {}

  public Result episode(
      String prefix, Policy policy, int task, int sample, int maxSteps, long seed) {
    String key = prefix + "/t" + task + "-s" + sample + ".json";
    Optional<Episode> done = artifacts.get(key, Episode.class);
    if (done.isPresent()) {
      return new Result(key, done.get(), true);
    }
    String episodeId = prefix.replace('/', '-') + "-t" + task + "-s" + sample;
    Episode t;
    try (Environment env = site.sandbox(task, episodeId)) {
      t =
          recorder.record(
              episodeId,
              Integer.toString(task),
              site.target(task),
              env,
              policy,
              maxSteps,
              new SplittableRandom((seed * 1_000_003L + task) * 31 + sample));
    }
    artifacts.put(key, "episode", t);
    return new Result(key, t, false);
  }
}
