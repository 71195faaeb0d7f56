package io.agentq.core;

import java.util.List;

/**
 * The outcome of one episode. Success means score == 1 exactly (WebShop's r_harsh).
 *
 * @param terminated whether the episode ended in a terminal state (rather than the step limit)
 */
public record EpisodeResult(
    String taskId,
    String policy,
    boolean success,
    double score,
    int steps,
    boolean terminated,
    List<TrajectoryStep> trajectory) {
  public EpisodeResult {
    trajectory = List.copyOf(trajectory);
  }
}
