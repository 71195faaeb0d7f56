package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.Environment;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.EpisodeResult;
import io.agentq.core.Policy;
import io.agentq.core.training.Trajectory;
import io.agentq.infra.artifacts.ObservationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs one episode without search and keeps it as training data: every page goes to the observation
 * store, every decision becomes a {@link Trajectory.Step}.
 */
public final class TrajectoryRecorder {
  private final ObservationStore observations;

  public TrajectoryRecorder(ObservationStore observations) {
    this.observations = observations;
  }

  /** The episode's result and its trajectory. */
  public record Recorded(EpisodeResult result, Trajectory trajectory) {}

  public Recorded record(
      String episodeId,
      String taskId,
      String target,
      Environment env,
      Policy policy,
      int maxSteps,
      RandomGenerator random) {
    List<Trajectory.Step> steps = new ArrayList<>();
    EpisodeResult result =
        new EpisodeLoop(policy, maxSteps)
            .run(
                taskId,
                env,
                random,
                (state, chosen) ->
                    steps.add(
                        new Trajectory.Step(
                            observations.put(episodeId, state.page()),
                            state.previousActions().stream().map(Action::toString).toList(),
                            chosen.command().toString(),
                            chosen.logLikelihood())));
    Trajectory t =
        new Trajectory(
            episodeId,
            taskId,
            target,
            env.instruction().text(),
            policy.name(),
            result.success(),
            result.score(),
            result.steps(),
            steps);
    return new Recorded(result, t);
  }
}
