package io.agentq.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.CriticExamples.Skip;
import io.agentq.core.training.CriticExamples.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which nodes of a search tree a critic learns from, and what it learns, on a hand-built tree:
 *
 * <pre>
 *   0 root: A(1) n=2 q=.5 | B(2) n=1 q=1 | C(3) n=1 q=0 | D(4) unexplored  -> example, best B
 *   1 A:    E(5) n=1 q=0  | F(6) n=1 q=0                                  -> left out: best is 0
 *   2 B:    G(7) n=2 q=1  | H(8) n=1 q=1  | I(9) unexplored               -> left out: tie at 1
 *   3 C:    J(10) n=1 q=0 | K(11) unexplored                              -> left out: one explored
 *   7 G:    L(12) n=4 q=.75 | M(13) n=1 q=1                               -> example, best M (gap .25)
 * </pre>
 */
class CriticExamplesTest {
  static NodeState page(String name) {
    return new NodeState("url/" + name, "obs/" + name, name, false, 0, false, false, "ok");
  }

  static TreeSnapshot.Node node(
      int id, int parent, int depth, String command, List<Integer> children, int n, double q) {
    return new TreeSnapshot.Node(
        id,
        parent,
        depth,
        command == null ? null : new Proposal("", "", command, "", -id / 10.0),
        0,
        children,
        n > 0 || parent < 0 ? page(command == null ? "root" : command) : null,
        n,
        n,
        q,
        !children.isEmpty());
  }

  static TreeSnapshot tree() {
    return new TreeSnapshot(
        "ep",
        "buy a blue shirt",
        SearchConfig.defaults(),
        0,
        List.of(0),
        10,
        10,
        40,
        List.of(),
        List.of(
            node(0, -1, 0, null, List.of(1, 2, 3, 4), 0, 0),
            node(1, 0, 1, "CLICK [1]", List.of(5, 6), 2, 0.5),
            node(2, 0, 1, "CLICK [2]", List.of(7, 8, 9), 1, 1.0),
            node(3, 0, 1, "CLICK [3]", List.of(10, 11), 1, 0.0),
            node(4, 0, 1, "CLICK [4]", List.of(), 0, 0.0),
            node(5, 1, 2, "CLICK [5]", List.of(), 1, 0.0),
            node(6, 1, 2, "CLICK [6]", List.of(), 1, 0.0),
            node(7, 2, 2, "CLICK [7]", List.of(12, 13), 2, 1.0),
            node(8, 2, 2, "CLICK [8]", List.of(), 1, 1.0),
            node(9, 2, 2, "CLICK [9]", List.of(), 0, 0.0),
            node(10, 3, 2, "CLICK [10]", List.of(), 1, 0.0),
            node(11, 3, 2, "CLICK [11]", List.of(), 0, 0.0),
            node(12, 7, 3, "CLICK [12]", List.of(), 4, 0.75),
            node(13, 7, 3, "CLICK [13]", List.of(), 1, 1.0)));
  }

  @Test
  void theBestExploredProposalOfEveryComparedNodeIsTheLabel() {
    CriticExamples.Extraction x = CriticExamples.of(tree());
    assertEquals(2, x.targets().size(), x.toString());

    Target root = x.targets().get(0);
    assertEquals(0, root.nodeId());
    assertEquals("obs/root", root.observationKey());
    assertEquals(List.of(), root.history());
    assertEquals(4, root.proposals().size(), "all K proposals, for the critic's view of them");
    assertEquals(List.of(0, 1, 2), root.explored(), "D was never visited");
    assertEquals(List.of(0.5, 1.0, 0.0, 0.0), root.values());
    assertEquals(1, root.best(), "B: Q_mcts 1 beats A's .5 and C's 0");
    assertEquals(1, root.bestAmongExplored());

    Target g = x.targets().get(1);
    assertEquals(7, g.nodeId());
    assertEquals("obs/CLICK [7]", g.observationKey());
    assertEquals(List.of("CLICK [2]", "CLICK [7]"), g.history(), "the commands from the root");
    assertEquals(List.of(0, 1), g.explored());
    assertEquals(1, g.best(), "M: 1 beats L's .75");
  }

  @Test
  void nodesWithNothingToCompareAreLeftOutAndCountedByReason() {
    CriticExamples.Extraction x = CriticExamples.of(tree());
    assertEquals(1, x.skipped(Skip.BEST_IS_ZERO), "node A: E and F both failed");
    assertEquals(1, x.skipped(Skip.BEST_IS_TIED), "node B: G and H both at 1");
    assertEquals(1, x.skipped(Skip.FEWER_THAN_TWO_EXPLORED), "node C: only J was tried");
    assertEquals(0, x.skipped(Skip.GAP_BELOW_LEAST));
  }

  @Test
  void aLeastGapLeavesOutNarrowWins() {
    CriticExamples.Extraction x = CriticExamples.of(List.of(tree()), 0.3);
    assertEquals(List.of(0), x.targets().stream().map(Target::nodeId).toList());
    assertEquals(1, x.skipped(Skip.GAP_BELOW_LEAST), "node G: M ahead of L by .25 only");
    CriticExamples.Extraction exactly = CriticExamples.of(List.of(tree()), 0.25);
    assertEquals(2, exactly.targets().size(), "a gap equal to the least is kept");
    assertThrows(IllegalArgumentException.class, () -> CriticExamples.of(List.of(tree()), -0.1));
  }
}
