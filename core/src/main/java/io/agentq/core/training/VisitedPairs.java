package io.agentq.core.training;

import io.agentq.core.search.PreferencePair;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeNode;
import io.agentq.core.search.TreeSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-level pairs a round trains on, of the paper's pairs ({@link
 * SearchTree#preferencePairs()}, Q_mix gap at least theta): a pair in which either action is a
 * purchase (an irreversible step: its child's state says so) is kept only when the visits support
 * both sides, each child visited at least {@code minVisitsAtPurchase} times, since a purchase tried
 * once against a sibling whose value rests on one rollout is mostly noise, and the rejected side of
 * such pairs was the purchase far more often than not; every kept pair is weighted by the visits of
 * its less visited side, min(N(h, a_w), N(h, a_l)). Pure.
 */
public final class VisitedPairs {
  /** A pair and the weight it has in the DPO loss's weighted mean. */
  public record Weighted(PreferencePair pair, double weight) {}

  /** What the rule kept and left out. */
  public record Kept(List<Weighted> pairs, int all, int leftAtPurchase) {
    public Kept {
      pairs = List.copyOf(pairs);
    }
  }

  private VisitedPairs() {}

  public static Kept of(TreeSnapshot snapshot, int minVisitsAtPurchase) {
    if (minVisitsAtPurchase < 1) {
      throw new IllegalArgumentException(
          "the least visits at a purchase must be at least 1, got " + minVisitsAtPurchase);
    }
    SearchTree tree = SearchTree.restore(snapshot);
    List<PreferencePair> all = tree.preferencePairs();
    List<Weighted> out = new ArrayList<>();
    int left = 0;
    for (PreferencePair p : all) {
      TreeNode w = tree.node(p.preferredNodeId());
      TreeNode l = tree.node(p.rejectedNodeId());
      boolean purchase = isPurchase(w) || isPurchase(l);
      int least = Math.min(w.edgeVisits(), l.edgeVisits());
      if (purchase && least < minVisitsAtPurchase) {
        left++;
        continue;
      }
      out.add(new Weighted(p, least));
    }
    return new Kept(out, all.size(), left);
  }

  private static boolean isPurchase(TreeNode child) {
    return child.state() != null && child.state().irreversible();
  }
}
