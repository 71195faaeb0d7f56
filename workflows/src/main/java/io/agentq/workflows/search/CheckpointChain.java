package io.agentq.workflows.search;

import io.agentq.core.StoreKeys;
import io.agentq.core.search.TreeDelta;
import java.util.List;

/**
 * An episode's checkpoints as a chain of deltas in the store, written by one workflow run: each
 * link names the one before, keys are {@code episodes/{id}/checkpoints/{run}-{seq}.json}, and a
 * delta too big for one small payload is sent in parts of at most {@link #MAX_NODES} nodes, with
 * the episode's pointer moved only by the last part.
 */
public final class CheckpointChain {
  /** About 600 bytes a node: parts stay far below 64 KB. */
  static final int MAX_NODES = 40;

  private final String episodeId;
  private final String writer;
  private final ArtifactActivities artifacts;
  private String head;
  private int seq;

  /**
   * @param writer unique to this run (its run id), so two runs of one episode never write the same
   *     link
   * @param head the checkpoint this run starts from (null: none)
   */
  public CheckpointChain(
      String episodeId, String writer, String head, ArtifactActivities artifacts) {
    this.episodeId = episodeId;
    this.writer = writer;
    this.head = head;
    this.artifacts = artifacts;
  }

  public void append(TreeDelta delta) {
    List<TreeDelta> parts = delta.split(MAX_NODES);
    for (int i = 0; i < parts.size(); i++) {
      String key = StoreKeys.checkpointLink(episodeId, writer, seq++);
      artifacts.checkpoint(
          new ArtifactActivities.CheckpointPart(
              episodeId, key, head, parts.get(i), i == parts.size() - 1));
      head = key;
    }
  }

  /** The last link written: what the tree is read back from. */
  public String head() {
    return head;
  }
}
