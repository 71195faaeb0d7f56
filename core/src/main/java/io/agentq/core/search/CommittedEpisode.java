package io.agentq.core.search;

import io.agentq.core.Episode;
import java.util.ArrayList;
import java.util.List;

/** A searched episode as every episode is kept: the committed path of its tree. */
public final class CommittedEpisode {
  private CommittedEpisode() {}

  /**
   * The committed path from the root, each step with the page it was taken on (its parent's state
   * and stored observation) and its node (edge visits and Q_mix as the tree closed).
   */
  public static Episode of(SearchTree tree, String taskId, String policy) {
    List<Episode.Step> steps = new ArrayList<>();
    List<Integer> path = tree.committed();
    for (int i = 1; i < path.size(); i++) {
      TreeNode n = tree.node(path.get(i));
      TreeNode parent = tree.node(n.parent());
      steps.add(
          new Episode.Step(
              i,
              parent.state().stateUrl(),
              parent.state().observationKey(),
              tree.history(parent.id()),
              n.proposal().command(),
              n.proposal().thought(),
              n.proposal().explanation(),
              n.proposal().logLikelihood(),
              n.state().invalid(),
              n.state().message(),
              n.state().reward(),
              new Episode.Node(n.id(), n.edgeVisits(), tree.qMix(n))));
    }
    EpisodeSummary s = EpisodeSummary.of(tree);
    return new Episode(
        tree.episodeId(),
        taskId,
        null,
        tree.instruction(),
        policy,
        s.success(),
        s.score(),
        s.terminated(),
        s.interactions(),
        null,
        steps);
  }
}
