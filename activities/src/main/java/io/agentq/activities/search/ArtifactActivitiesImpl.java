package io.agentq.activities.search;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.PreferencePair;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeNode;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workflows.search.ArtifactActivities;
import io.agentq.workflows.search.EpisodeArtifacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoints and episode artifacts under deterministic keys ({@code episodes/{id}/...}). An
 * episode's files are written first and its manifest last, so a manifest means a whole episode; a
 * second write of a finished episode returns the existing manifest and overwrites nothing.
 */
public final class ArtifactActivitiesImpl implements ArtifactActivities {
  private final JsonArtifacts artifacts;

  public ArtifactActivitiesImpl(JsonArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  /** One committed step of an episode, as trajectory.json lists it. */
  public record TrajectoryEntry(
      int step,
      int nodeId,
      String fromUrl,
      String command,
      String thought,
      String explanation,
      double logLikelihood,
      boolean invalid,
      String message,
      double reward,
      int visits,
      double qMix) {}

  static String prefix(String episodeId) {
    return "episodes/" + episodeId + "/";
  }

  @Override
  public TreeSnapshot loadCheckpoint(String episodeId) {
    return artifacts.get(prefix(episodeId) + "checkpoint.json", TreeSnapshot.class).orElse(null);
  }

  @Override
  public void checkpoint(TreeSnapshot tree) {
    artifacts.put(prefix(tree.episodeId()) + "checkpoint.json", "checkpoint", tree);
  }

  @Override
  public EpisodeArtifacts writeEpisode(TreeSnapshot snapshot, int resumedFromIteration) {
    String p = prefix(snapshot.episodeId());
    var existing = artifacts.get(p + "manifest.json", EpisodeArtifacts.class);
    if (existing.isPresent()) {
      return existing.get();
    }
    SearchTree tree = SearchTree.restore(snapshot);
    List<PreferencePair> pairs = tree.preferencePairs();
    artifacts.put(p + "tree.json", "tree", snapshot);
    artifacts.put(p + "trajectory.json", "trajectory", trajectory(tree));
    artifacts.putLines(p + "pairs.jsonl", "preference-pair", pairs);
    EpisodeArtifacts manifest =
        new EpisodeArtifacts(
            EpisodeSummary.of(tree),
            p + "manifest.json",
            p + "tree.json",
            p + "trajectory.json",
            p + "pairs.jsonl",
            pairs.size(),
            resumedFromIteration);
    artifacts.put(p + "manifest.json", "episode-manifest", manifest);
    return manifest;
  }

  static List<TrajectoryEntry> trajectory(SearchTree tree) {
    List<TrajectoryEntry> out = new ArrayList<>();
    List<Integer> path = tree.committed();
    for (int i = 1; i < path.size(); i++) {
      TreeNode n = tree.node(path.get(i));
      TreeNode parent = tree.node(n.parent());
      out.add(
          new TrajectoryEntry(
              i,
              n.id(),
              parent.state().stateUrl(),
              n.proposal().command(),
              n.proposal().thought(),
              n.proposal().explanation(),
              n.proposal().logLikelihood(),
              n.state().invalid(),
              n.state().message(),
              n.state().reward(),
              n.edgeVisits(),
              tree.qMix(n)));
    }
    return out;
  }
}
