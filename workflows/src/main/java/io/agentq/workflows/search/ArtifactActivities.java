package io.agentq.workflows.search;

import io.agentq.core.search.TreeDelta;
import io.agentq.core.search.TreeSnapshot;
import io.temporal.activity.ActivityInterface;

/**
 * Checkpoints and episode artifacts in the artifact store; task queue {@link TaskQueues#WORKFLOW}.
 * Only keys and small values cross the history: a checkpoint carries the nodes that changed, and
 * the store assembles the tree.
 */
@ActivityInterface(namePrefix = "Artifacts")
public interface ArtifactActivities {
  /**
   * Where a starting episode stands in the store.
   *
   * @param finished the finished episode's manifest, read back (null if not finished)
   * @param checkpointKey the last published checkpoint (null: none)
   * @param nodes how many nodes that checkpoint's tree has
   */
  record Begin(EpisodeArtifacts finished, String checkpointKey, int nodes) {}

  /**
   * One link of an episode's checkpoint chain.
   *
   * @param key where this link is stored
   * @param parent the link it extends (null: it starts the chain)
   * @param publish whether the episode's checkpoint pointer moves to this link (the last part of a
   *     checkpoint): a reader never sees half a checkpoint
   */
  record CheckpointPart(
      String episodeId, String key, String parent, TreeDelta delta, boolean publish) {}

  /**
   * Reads the episode's manifest (a finished episode is never run again), checks that its id was
   * not used before with another task or config (a non-retryable {@code RunIdReused} failure if
   * so), and finds its last checkpoint.
   */
  Begin begin(EpisodeRequest request);

  /** Nodes {@code [from, from + count)} of the tree a checkpoint assembles, with its header. */
  TreeSnapshot loadNodes(String checkpointKey, int from, int count);

  void checkpoint(CheckpointPart part);

  /**
   * Writes tree, trajectory and preference pairs from the tree the checkpoint assembles, then
   * publishes the manifest; a second call returns the manifest already there.
   *
   * @param resumedFromIteration the checkpoint's iteration a crashed run resumed from, or -1
   */
  EpisodeArtifacts writeEpisode(String episodeId, String checkpointKey, int resumedFromIteration);
}
