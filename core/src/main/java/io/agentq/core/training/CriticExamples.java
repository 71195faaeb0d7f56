package io.agentq.core.training;

import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a critic learns from a search tree: at every expanded node with at least two explored
 * children (N(h, a) > 0), which of the node's K proposals the search found best, by the mean return
 * backed up through it (Q_mcts, the edge value). A node is left out when its best Q_mcts is 0 (no
 * explored proposal ever led to success: nothing to prefer) or when two explored proposals share
 * the best value (a tie is no preference). Pure: pages are looked up later by their keys.
 */
public final class CriticExamples {
  /** Two values closer than this are one value: rounding of running means, not a preference. */
  static final double TIE = 1e-12;

  /** Why an expanded node gave no example. */
  public enum Skip {
    /** fewer than two of its proposals were explored: nothing was compared */
    FEWER_THAN_TWO_EXPLORED,
    /** the best explored proposal's Q_mcts is 0: no proposal led to success */
    BEST_IS_ZERO,
    /** two explored proposals share the best Q_mcts */
    BEST_IS_TIED,
    /** the best explored proposal is ahead of the next by less than the least gap asked for */
    GAP_BELOW_LEAST
  }

  /**
   * One listwise example: a node's page, its K proposals and the best of them.
   *
   * @param history the commands from the original root to this node
   * @param proposals the node's K proposals, in proposal order (the order the critic ranked them)
   * @param explored indices of {@code proposals} whose edge was visited, ascending
   * @param values Q_mcts of every proposal (0 for unexplored ones)
   * @param best the index of the proposal with the highest Q_mcts (one of {@code explored})
   */
  public record Target(
      String episodeId,
      int nodeId,
      String instruction,
      String observationKey,
      List<String> history,
      List<Proposal> proposals,
      List<Integer> explored,
      List<Double> values,
      int best) {
    public Target {
      history = List.copyOf(history);
      proposals = List.copyOf(proposals);
      explored = List.copyOf(explored);
      values = List.copyOf(values);
    }

    /** {@code best}'s position among the explored proposals. */
    public int bestAmongExplored() {
      return explored.indexOf(best);
    }
  }

  /** The examples of some trees and how many expanded nodes were left out, and why. */
  public record Extraction(List<Target> targets, Map<Skip, Integer> skipped) {
    public Extraction {
      targets = List.copyOf(targets);
      skipped = Map.copyOf(skipped);
    }

    public int skipped(Skip why) {
      return skipped.getOrDefault(why, 0);
    }
  }

  private CriticExamples() {}

  public static Extraction of(TreeSnapshot snapshot) {
    return of(List.of(snapshot), 0);
  }

  /**
   * Node order within a tree, trees in the order given.
   *
   * @param leastGap the least Q_mcts gap between the best explored proposal and the next one (0:
   *     any strict preference)
   */
  public static Extraction of(List<TreeSnapshot> trees, double leastGap) {
    if (!(leastGap >= 0 && leastGap <= 1)) {
      throw new IllegalArgumentException("least gap must be in [0, 1], got " + leastGap);
    }
    List<Target> out = new ArrayList<>();
    Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    for (TreeSnapshot snapshot : trees) {
      SearchTree tree = SearchTree.restore(snapshot);
      for (TreeSnapshot.Node n : snapshot.nodes()) {
        if (!n.expanded() || n.children().isEmpty()) {
          continue;
        }
        List<Proposal> proposals = new ArrayList<>();
        List<Integer> explored = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n.children().size(); i++) {
          var child = tree.node(n.children().get(i));
          proposals.add(child.proposal());
          values.add(child.edgeVisits() > 0 ? child.edgeValue() : 0.0);
          if (child.edgeVisits() > 0) {
            explored.add(i);
          }
        }
        Skip why = null;
        int best = -1;
        if (explored.size() < 2) {
          why = Skip.FEWER_THAN_TWO_EXPLORED;
        } else {
          for (int i : explored) {
            if (best < 0 || values.get(i) > values.get(best)) {
              best = i;
            }
          }
          double top = values.get(best);
          double next = Double.NEGATIVE_INFINITY;
          for (int i : explored) {
            if (i != best) {
              next = Math.max(next, values.get(i));
            }
          }
          if (top <= TIE) {
            why = Skip.BEST_IS_ZERO;
          } else if (top - next <= TIE) {
            why = Skip.BEST_IS_TIED;
          } else if (top - next < leastGap - TIE) {
            why = Skip.GAP_BELOW_LEAST;
          }
        }
        if (why != null) {
          skipped.merge(why, 1, Integer::sum);
          continue;
        }
        out.add(
            new Target(
                snapshot.episodeId(),
                n.id(),
                snapshot.instruction(),
                n.state().observationKey(),
                tree.history(n.id()),
                proposals,
                explored,
                values,
                best));
      }
    }
    return new Extraction(out, skipped);
  }
}
