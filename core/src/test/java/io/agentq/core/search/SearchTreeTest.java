package io.agentq.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The search's formulas against values worked out by hand. */
class SearchTreeTest {
  static NodeState page(String url) {
    return new NodeState(url, "obs/" + url, url, false, 0, false, false, "ok");
  }

  static Proposal proposal(String command, double logLikelihood) {
    return new Proposal("", "", command, "", logLikelihood);
  }

  @Test
  void ucbIsEquationSeven() {
    // 0.5 + 1.0 * sqrt(ln 4 / (1 + 1)) = 0.5 + sqrt(0.693147) = 1.332555
    assertEquals(1.332555, SearchTree.ucb(0.5, 4, 1, 1.0), 1e-6);
    // c = 2: 0.1 + 2 * sqrt(ln 10 / 4) = 0.1 + 2 * sqrt(0.575646) = 0.1 + 2 * 0.758714 = 1.617427
    assertEquals(1.617427, SearchTree.ucb(0.1, 10, 3, 2.0), 1e-6);
    assertEquals(0.3, SearchTree.ucb(0.3, 0, 0, 1.0), "ln N(h) taken as 0 before any visit");
  }

  @Test
  void mixingAndCriticValues() {
    assertEquals(0.5, SearchTree.mix(0.8, 0.2, 0.5), 1e-12);
    assertEquals(0.35, SearchTree.mix(0.8, 0.2, 0.25), 1e-12);
    assertEquals(0.8, SearchTree.mix(0.8, 0.2, 1.0), 1e-12);
    assertEquals(1.0, SearchTree.criticValue(0, 4));
    assertEquals(2.0 / 3, SearchTree.criticValue(1, 4), 1e-12);
    assertEquals(0.0, SearchTree.criticValue(3, 4));
    assertEquals(1.0, SearchTree.criticValue(0, 1));
    assertEquals(2.0 / 3, SearchTree.runningMean(0.5, 2, 1.0), 1e-12);
  }

  /**
   * Root with children A (critic rank 2 of 2) and B (rank 1). Returns 1 via A, 0 via B, 0 via A: A:
   * N=2, Q=0.5; B: N=1, Q=0; root N=3. Q_mix(A) = .5*.5 + .5*0 = .25; Q_mix(B) = .5*0 + .5*1 = .5.
   * UCB(A) = .25 + sqrt(ln3/3) = .855148; UCB(B) = .5 + sqrt(ln3/2) = 1.241152: B is selected.
   */
  @Test
  void backupSelectionAndPairsOnAHandTree() {
    SearchConfig config =
        new SearchConfig(10, 2, 5, 1.0, 0.5, 0.1, 10, SearchConfig.RolloutValue.SCORE, 1);
    SearchTree t = new SearchTree("ep", "buy a thing", config, page("root"));
    List<Integer> kids =
        t.expand(
            0, List.of(proposal("CLICK [1]", -0.3), proposal("CLICK [2]", -1.2)), List.of(1, 0));
    int a = kids.get(0);
    int b = kids.get(1);
    t.setState(a, page("a"));
    t.setState(b, page("b"));
    t.backup(List.of(0, a), 1.0);
    t.backup(List.of(0, b), 0.0);
    t.backup(List.of(0, a), 0.0);
    assertEquals(3, t.root().visits());
    assertEquals(2, t.node(a).edgeVisits());
    assertEquals(0.5, t.node(a).edgeValue(), 1e-12);
    assertEquals(0.0, t.node(b).edgeValue(), 1e-12);
    assertEquals(0.25, t.qMix(t.node(a)), 1e-12);
    assertEquals(0.5, t.qMix(t.node(b)), 1e-12);
    assertEquals(b, t.bestChild(t.root(), new SplittableRandom(1)));
    assertEquals(List.of(0, b), t.selectPath(new SplittableRandom(1)));
    assertEquals(a, t.chooseRootAction(), "most visited");

    List<PreferencePair> pairs = t.preferencePairs();
    assertEquals(1, pairs.size());
    PreferencePair p = pairs.get(0);
    assertEquals("CLICK [2]", p.preferred().command());
    assertEquals("CLICK [1]", p.rejected().command());
    assertEquals(b, p.preferredNodeId());
    assertEquals(a, p.rejectedNodeId());
    assertEquals(0, p.nodeId());
    assertEquals(0.5, p.preferredValue(), 1e-12);
    assertEquals(0.25, p.rejectedValue(), 1e-12);
    assertEquals(-1.2, p.preferredLogLikelihood());
    assertEquals(-0.3, p.rejectedLogLikelihood());
    assertEquals(1, p.preferredVisits());
    assertEquals(2, p.rejectedVisits());
    // Q_mcts 0 vs .5, Q_hat 1 vs 0: returns part .5 * (0 - .5) = -.25, critic part .5 * (1 - 0) =
    // .5; together the gap .5 - .25 = .25.
    assertEquals(0.0, p.preferredMeanReturn(), 1e-12);
    assertEquals(0.5, p.rejectedMeanReturn(), 1e-12);
    assertEquals(1.0, p.preferredCriticValue(), 1e-12);
    assertEquals(0.0, p.rejectedCriticValue(), 1e-12);
    assertEquals(-0.25, p.gapFromReturns(), 1e-12);
    assertEquals(0.5, p.gapFromCritic(), 1e-12);
    assertEquals(0.25, p.gap(), 1e-12);
    assertEquals("obs/root", p.observationKey());

    SearchConfig strict =
        new SearchConfig(10, 2, 5, 1.0, 0.5, 0.3, 10, SearchConfig.RolloutValue.SCORE, 1);
    SearchTree t2 =
        SearchTree.restore(
            new TreeSnapshot(
                "ep", "x", strict, 0, List.of(0), 3, 3, 0, List.of(), t.snapshot().nodes()));
    assertEquals(0, t2.preferencePairs().size(), "a gap of .25 is below theta .3");
  }

  /**
   * Siblings under the root of a tree with {@code config}: child i gets the critic rank at which
   * {@code ranking} lists it, and the returns {@code returns[i]} backed up through it, in order.
   */
  static SearchTree siblings(
      SearchConfig config, List<Proposal> proposals, List<Integer> ranking, double[][] returns) {
    SearchTree t = new SearchTree("ep", "buy a thing", config, page("root"));
    List<Integer> kids = t.expand(0, proposals, ranking);
    for (int i = 0; i < kids.size(); i++) {
      t.setState(kids.get(i), page("c" + i));
      for (double r : returns[i]) {
        t.backup(List.of(0, kids.get(i)), r);
      }
    }
    return t;
  }

  static SearchConfig mixing(double alpha, double theta) {
    return new SearchConfig(10, 3, 5, 1.0, alpha, theta, 10, SearchConfig.RolloutValue.SCORE, 1);
  }

  /**
   * theta = 0 with alpha = .5 and K = 3 (critic values 1, .5, 0). X: Q_hat 1, returns {0}, Q_mcts
   * 0, Q_mix .5. Y: Q_hat 0, returns {1}, Q_mix .5. Z: Q_hat .5, returns {0}, Q_mix .25. X and Y
   * tie: no pair between them in either direction; both beat Z by .25: (X, Z) and (Y, Z).
   *
   * <p>With alpha = 1 (Q_mix = Q_mcts), X's returns {.4} and Y's {.1, .7} both mean .4, but the
   * running mean gives Y (.1 * 1 + .7) / 2 = 0.39999999999999997: a gap of one rounding step, not a
   * preference, so again no pair.
   */
  @Test
  void thetaZeroMakesNoPairOfEquallyValuedSiblings() {
    List<Proposal> xyz = List.of(proposal("X", -1), proposal("Y", -2), proposal("Z", -3));
    SearchTree t = siblings(mixing(0.5, 0), xyz, List.of(0, 2, 1), new double[][] {{0}, {1}, {0}});
    assertEquals(0.5, t.qMix(t.node(1)), 1e-12);
    assertEquals(0.5, t.qMix(t.node(2)), 1e-12);
    assertEquals(0.25, t.qMix(t.node(3)), 1e-12);
    List<PreferencePair> pairs = t.preferencePairs();
    assertEquals(
        List.of("X>Z", "Y>Z"),
        pairs.stream().map(p -> p.preferred().command() + ">" + p.rejected().command()).toList());
    pairs.forEach(p -> assertEquals(0.25, p.gap(), 1e-12));

    SearchTree rounded =
        siblings(
            mixing(1.0, 0), xyz.subList(0, 2), List.of(0, 1), new double[][] {{0.4}, {0.1, 0.7}});
    double gap = rounded.qMix(rounded.node(1)) - rounded.qMix(rounded.node(2));
    assertTrue(gap > 0 && gap < 1e-15, "the two means differ by rounding only: " + gap);
    assertEquals(List.of(), rounded.preferencePairs());
  }

  /**
   * K = 2: X has Q_hat 0 (ranked second) and returns {1}: Q_mcts 1. Y has Q_hat 1 and returns {1,
   * 0}: Q_mcts .5.
   *
   * <p>alpha = .5: Q_mix(X) = .5 * 1 + .5 * 0 = .5, Q_mix(Y) = .5 * .5 + .5 * 1 = .75. Seen from X,
   * the returns give .5 * (1 - .5) = .25 and the critic .5 * (0 - 1) = -.5: a gap of -.25, so the
   * pair goes the other way, (Y, X), with returns part -.25, critic part .5 and gap .25, and only
   * when theta <= .25.
   *
   * <p>alpha = .75: Q_mix(X) = .75 * 1 + .25 * 0 = .75, Q_mix(Y) = .75 * .5 + .25 * 1 = .625. Now
   * (X, Y): returns part .75 * (1 - .5) = .375, critic part .25 * (0 - 1) = -.25, gap .125.
   */
  @Test
  void aPairSplitsItsGapIntoReturnsAndCritic() {
    Proposal x = new Proposal("plan x", "thought x", "CLICK [x]", "why x", -0.7);
    Proposal y = new Proposal("plan y", "thought y", "CLICK [y]", "why y", -1.9);
    double[][] returns = {{1}, {1, 0}};
    SearchTree half = siblings(mixing(0.5, 0.25), List.of(x, y), List.of(1, 0), returns);
    List<PreferencePair> pairs = half.preferencePairs();
    assertEquals(1, pairs.size(), "a gap of exactly theta is enough");
    PreferencePair p = pairs.get(0);
    assertEquals(y, p.preferred(), "the whole composite action");
    assertEquals(x, p.rejected());
    assertEquals(2, p.preferredNodeId());
    assertEquals(1, p.rejectedNodeId());
    assertEquals(-1.9, p.preferredLogLikelihood());
    assertEquals(-0.7, p.rejectedLogLikelihood());
    assertEquals(2, p.preferredVisits());
    assertEquals(1, p.rejectedVisits());
    assertEquals(0.5, p.alpha());
    assertEquals(0.75, p.preferredValue(), 1e-12);
    assertEquals(0.5, p.rejectedValue(), 1e-12);
    assertEquals(0.5, p.preferredMeanReturn(), 1e-12);
    assertEquals(1.0, p.rejectedMeanReturn(), 1e-12);
    assertEquals(1.0, p.preferredCriticValue(), 1e-12);
    assertEquals(0.0, p.rejectedCriticValue(), 1e-12);
    assertEquals(-0.25, p.gapFromReturns(), 1e-12);
    assertEquals(0.5, p.gapFromCritic(), 1e-12);
    assertEquals(0.25, p.gap(), 1e-12);
    assertEquals(p.gap(), p.gapFromReturns() + p.gapFromCritic(), 1e-12);

    assertEquals(
        List.of(),
        siblings(mixing(0.5, 0.26), List.of(x, y), List.of(1, 0), returns).preferencePairs(),
        "a gap of .25 is below theta .26");

    List<PreferencePair> mostlyReturns =
        siblings(mixing(0.75, 0.1), List.of(x, y), List.of(1, 0), returns).preferencePairs();
    assertEquals(1, mostlyReturns.size());
    PreferencePair q = mostlyReturns.get(0);
    assertEquals(x, q.preferred());
    assertEquals(y, q.rejected());
    assertEquals(0.375, q.gapFromReturns(), 1e-12);
    assertEquals(-0.25, q.gapFromCritic(), 1e-12);
    assertEquals(0.125, q.gap(), 1e-12);
    assertEquals(q.gap(), q.gapFromReturns() + q.gapFromCritic(), 1e-12);
  }

  @Test
  void unexploredChildrenMakeNoPairsAndTiesAreSeeded() {
    SearchConfig config = SearchConfig.defaults();
    SearchTree t = new SearchTree("ep", "x", config, page("root"));
    List<Integer> kids =
        t.expand(
            0, List.of(proposal("A", 0), proposal("B", 0), proposal("C", 0)), List.of(0, 1, 2));
    assertEquals(List.of(), t.preferencePairs(), "no child was visited");
    // All N = 0: UCB = Q_mix = .5 * critic: A (1.0) > B (.5) > C (0): the critic decides.
    assertEquals(kids.get(0), t.bestChild(t.root(), new SplittableRandom(3)));
    assertThrows(IllegalStateException.class, () -> t.expand(0, List.of(), List.of()));
  }

  @Test
  void snapshotRoundTrips() {
    SearchTree t = new SearchTree("ep", "x", SearchConfig.defaults(), page("root"));
    t.expand(0, List.of(proposal("A", -1), proposal("B", -2)), List.of(0, 1));
    t.setState(1, page("a"));
    t.backup(List.of(0, 1), 0.7);
    t.countInteractions(4);
    assertEquals(t.snapshot(), SearchTree.restore(t.snapshot()).snapshot());
  }

  /**
   * The environment steps spent travel with the tree's header: through a snapshot and restore, and
   * through a chain of checkpoint deltas, so a resumed search counts on from where it stopped.
   */
  @Test
  void interactionsSurviveSnapshotRestoreAndCheckpointDeltas() {
    SearchTree t = new SearchTree("ep", "x", SearchConfig.defaults(), page("root"));
    TreeSnapshot chain = t.takeDelta().applyTo(null);
    t.expand(0, List.of(proposal("A", -1), proposal("B", -2)), List.of(0, 1));
    t.setState(1, page("a"));
    t.countInteractions(1 + 3); // a sandbox step and a 3-step rollout
    t.backup(List.of(0, 1), 0.0);
    chain = t.takeDelta().applyTo(chain);
    assertEquals(4, chain.interactions());

    SearchTree resumed = SearchTree.restore(chain);
    assertEquals(4, resumed.interactions());
    resumed.countInteractions(1); // a live commit
    assertEquals(5, resumed.interactions());
    assertEquals(5, SearchTree.restore(resumed.snapshot()).interactions());
    assertEquals(5, resumed.takeDelta().applyTo(chain).interactions(), "a delta with no nodes");
    assertThrows(IllegalArgumentException.class, () -> resumed.countInteractions(-1));
  }
}
