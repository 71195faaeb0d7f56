package io.agentq.core;

import java.util.List;

/**
 * The outcome of one episode. Success means score == 1 exactly (WebShop's r_harsh).
 *
 * @param terminated whether the episode ended in a terminal state (rather than the step limit)
 * @param failure why the episode could not be run to its end (null when it was): an episode that
 *     fails counts as no success, and the evaluation goes on
 */
public record EpisodeResult(
    String taskId,
    String policy,
    boolean success,
    double score,
    int steps,
    boolean terminated,
    List<TrajectoryStep> trajectory,
    String failure) {
  public EpisodeResult {
    trajectory = List.copyOf(trajectory);
  }

  public EpisodeResult(
      String taskId,
      String policy,
      boolean success,
      double score,
      int steps,
      boolean terminated,
      List<TrajectoryStep> trajectory) {
    this(taskId, policy, success, score, steps, terminated, trajectory, null);
  }

  /** An episode that could not be run to its end, and why. */
  public static EpisodeResult failed(String taskId, String policy, String why) {
    return new EpisodeResult(taskId, policy, false, 0, 0, false, List.of(), why);
  }

  public boolean failed() {
    return failure != null;
  }
}
