package io.agentq.core.search;

import io.agentq.core.Episode;
import java.util.List;

/**
 * What a searched episode achieved, read off its tree: the committed path's outcome and the
 * search's size.
 *
 * @param interactions environment steps the search spent (its interaction budget): sandbox steps,
 *     rollout steps and live commits
 */
public record EpisodeSummary(
    String episodeId,
    boolean success,
    double score,
    int steps,
    boolean terminated,
    List<String> actions,
    int nodes,
    int expanded,
    int iterations,
    int interactions,
    String budget) {
  public EpisodeSummary {
    actions = List.copyOf(actions);
  }

  public static EpisodeSummary of(SearchTree tree) {
    TreeNode root = tree.root();
    boolean done = root.terminal();
    double score = done ? root.state().reward() : 0;
    return new EpisodeSummary(
        tree.episodeId(),
        done && score == 1.0,
        score,
        root.depth(),
        done,
        tree.history(root.id()),
        tree.size(),
        tree.expandedCount(),
        tree.iterations(),
        tree.interactions(),
        tree.config().budget());
  }

  /** An episode without search, summed up as every episode is (no tree: no nodes or iterations). */
  public static EpisodeSummary withoutSearch(Episode e) {
    return new EpisodeSummary(
        e.episodeId(),
        e.success(),
        e.score(),
        e.length(),
        e.terminated(),
        e.commands(),
        0,
        0,
        0,
        e.interactions(),
        "none");
  }
}
