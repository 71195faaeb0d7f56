package io.agentq.workflows.search;

import io.agentq.core.search.TreeSnapshot;
import io.temporal.activity.ActivityInterface;

/**
 * Checkpoints and episode artifacts in the artifact store; task queue {@link TaskQueues#WORKFLOW}.
 */
@ActivityInterface(namePrefix = "Artifacts")
public interface ArtifactActivities {
  /** The episode's last checkpoint, or null when it has none. */
  TreeSnapshot loadCheckpoint(String episodeId);

  void checkpoint(TreeSnapshot tree);

  /**
   * Writes tree, trajectory and preference pairs, then publishes the manifest; idempotent.
   *
   * @param resumedFromIteration the checkpoint's iteration this run started from, or -1
   */
  EpisodeArtifacts writeEpisode(TreeSnapshot tree, int resumedFromIteration);
}
