package io.agentq.infra.training;

import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.Policy;
import io.agentq.infra.artifacts.ObservationStore;
import java.util.random.RandomGenerator;

/**
 * Runs one episode without search and keeps it as training data: every page a decision is made on
 * goes to the observation store, and the episode names its task's target product.
 */
public final class TrajectoryRecorder {
  private final ObservationStore observations;

  public TrajectoryRecorder(ObservationStore observations) {
    this.observations = observations;
  }

  public Episode record(
      String episodeId,
      String taskId,
      String target,
      Environment env,
      Policy policy,
      int maxSteps,
      RandomGenerator random) {
    return new EpisodeLoop(policy, maxSteps)
        .run(episodeId, taskId, env, random, page -> observations.put(episodeId, page))
        .named(episodeId, target);
  }
}
