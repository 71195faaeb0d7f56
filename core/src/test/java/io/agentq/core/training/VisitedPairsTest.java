package io.agentq.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.SearchTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The visits rule on hand-built trees (alpha = 1: Q_mix is the mean return). */
class VisitedPairsTest {
  static final SearchConfig ALPHA_1 =
      new SearchConfig(10, 3, 5, 1.0, 1.0, 0.1, 10, SearchConfig.RolloutValue.SUCCESS, 1);

  static NodeState page(String url, boolean purchase) {
    return new NodeState(url, "obs/" + url, url, purchase, purchase ? 0 : 0, false, purchase, "ok");
  }

  static Proposal proposal(String command) {
    return new Proposal("", "", command, "", -1.0);
  }

  /**
   * The root's children: Buy (a purchase, visited {@code buyVisits} times, return 0 each), Back
   * (visited {@code backVisits} times, returns 1 then 0s) and Option (visited twice, returns 1, 1).
   */
  static SearchTree tree(int buyVisits, int backVisits) {
    SearchTree t = new SearchTree("ep", "buy a red mug", ALPHA_1, page("root", false));
    List<Integer> kids =
        t.expand(
            0,
            List.of(proposal("CLICK [9]"), proposal("CLICK [2]"), proposal("CLICK [4]")),
            List.of(0, 1, 2));
    t.setState(kids.get(0), page("done", true));
    t.setState(kids.get(1), page("results", false));
    t.setState(kids.get(2), page("item-red", false));
    for (int i = 0; i < buyVisits; i++) {
      t.backup(List.of(0, kids.get(0)), 0.0);
    }
    for (int i = 0; i < backVisits; i++) {
      t.backup(List.of(0, kids.get(1)), i == 0 ? 1.0 : 0.0);
    }
    t.backup(List.of(0, kids.get(2)), 1.0);
    t.backup(List.of(0, kids.get(2)), 1.0);
    return t;
  }

  @Test
  void aPurchasePairNeedsBothSidesVisitedTwiceAndPairsWeighTheirLessVisitedSide() {
    // Buy once (Q 0), Back once (Q 1), Option twice (Q 1). Q gaps >= 0.1: Back > Buy (1 vs 0),
    // Option > Buy (1 vs 0); Back and Option tie (no pair).
    VisitedPairs.Kept once = VisitedPairs.of(tree(1, 1).snapshot(), 2);
    assertEquals(2, once.all());
    assertEquals(2, once.leftAtPurchase(), "Buy was visited once: both its pairs are left out");
    assertEquals(List.of(), once.pairs());
    // Buy twice (Q 0), Back three times (Q 1/3), Option twice (Q 1): Back > Buy (gap 1/3),
    // Option > Buy (1), Option > Back (2/3).
    VisitedPairs.Kept twice = VisitedPairs.of(tree(2, 3).snapshot(), 2);
    assertEquals(3, twice.all());
    assertEquals(0, twice.leftAtPurchase());
    assertEquals(
        List.of("CLICK [2]>CLICK [9]:2.0", "CLICK [4]>CLICK [9]:2.0", "CLICK [4]>CLICK [2]:2.0"),
        twice.pairs().stream()
            .map(
                w ->
                    w.pair().preferred().command()
                        + ">"
                        + w.pair().rejected().command()
                        + ":"
                        + w.weight())
            .toList());
    // with the rule at 1 every pair of the first tree is kept, each of weight 1 (Buy's visits)
    VisitedPairs.Kept loose = VisitedPairs.of(tree(1, 1).snapshot(), 1);
    assertEquals(
        List.of(1.0, 1.0), loose.pairs().stream().map(VisitedPairs.Weighted::weight).toList());
    assertThrows(IllegalArgumentException.class, () -> VisitedPairs.of(tree(1, 1).snapshot(), 0));
  }
}
