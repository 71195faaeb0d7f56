package io.agentq.core.training;

import io.agentq.core.Episode;
import java.util.List;

/**
 * A policy's own episode on a train task with the labels that sandbox purchases gave its pages
 * (DAgger with a shallow expert): what to do on each labelled page, imitated by a later round.
 *
 * @param policy the policy that acted
 * @param success whether the policy's own episode succeeded
 * @param episodeSteps environment steps of the policy's episode
 * @param checkSteps environment steps the sandbox checks spent (clicks and purchases)
 * @param checks products checked
 * @param labels one step per labelled page: its page, the history before it, the label command
 */
public record CheckedEpisode(
    String episodeId,
    String taskId,
    String target,
    String instruction,
    String policy,
    boolean success,
    double score,
    int episodeSteps,
    int checkSteps,
    int checks,
    List<Episode.Step> labels) {
  public CheckedEpisode {
    labels = List.copyOf(labels);
  }

  /** Every environment step this episode's data cost: the episode's and its checks'. */
  public int interactions() {
    return episodeSteps + checkSteps;
  }
}
