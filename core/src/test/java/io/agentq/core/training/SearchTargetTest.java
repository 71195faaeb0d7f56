package io.agentq.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchTargetTest {
  static final double[] PRIOR = {Math.log(0.5), Math.log(0.3), Math.log(0.2)};
  static final int[] VISITS = {3, 1, 0};
  static final double[] RETURNS = {1.0, 0.0, Double.NaN}; // the unvisited one is never read

  @Test
  void workedCheckOfTheSpec() {
    // v = (3 * 1.0 + 1 * 0.0) / 4 = 0.75, so completedQ = (1.0, 0.0, 0.75)
    assertEquals(0.75, SearchTarget.nodeValue(VISITS, RETURNS), 1e-15);
    assertArrayEquals(
        new double[] {1.0, 0.0, 0.75}, SearchTarget.completedQ(VISITS, RETURNS), 1e-15);
    // range 1.0, so q~ = completedQ; sigma = (50 + 3) * 0.1 * q~ = 5.3 * (1, 0, 0.75)
    assertArrayEquals(
        new double[] {5.3, 0.0, 3.975}, SearchTarget.defaults().sigma(VISITS, RETURNS), 1e-12);
    // logits ln 0.5 + 5.3, ln 0.3, ln 0.2 + 3.975; exp: 100.16840, 0.3, 10.65002; sum 111.11843
    double[] pi = SearchTarget.defaults().completedQPolicy(PRIOR, VISITS, RETURNS);
    assertArrayEquals(new double[] {0.90146, 0.00270, 0.09584}, pi, 5e-6);
    assertEquals(1.0, pi[0] + pi[1] + pi[2], 1e-12);
  }

  @Test
  void theConstantsScaleThePush() {
    // c_visit = 0, c_scale = 1: sigma = 3 * q~ = (3, 0, 2.25)
    assertArrayEquals(
        new double[] {3.0, 0.0, 2.25}, new SearchTarget(0, 1).sigma(VISITS, RETURNS), 1e-12);
    // c_scale = 0: no push at all, the prior comes back
    assertArrayEquals(
        new double[] {0.5, 0.3, 0.2},
        new SearchTarget(50, 0).completedQPolicy(PRIOR, VISITS, RETURNS),
        1e-12);
  }

  @Test
  void aTiePushesNothingAndThePriorComesBack() {
    double[] prior = {Math.log(0.1), Math.log(0.2), Math.log(0.3), Math.log(0.4)};
    int[] visits = {5, 2, 0, 0}; // two candidates never visited
    for (double q : new double[] {1.0, 0.0, 0.7}) {
      double[] returns = {q, q, Double.NaN, Double.NaN};
      // The unvisited complete with v = q itself, so every completed Q is q ...
      assertArrayEquals(
          new double[] {q, q, q, q}, SearchTarget.completedQ(visits, returns), 0.0, "Q " + q);
      // ... q~ is 0 everywhere, sigma exactly 0 ...
      assertArrayEquals(
          new double[] {0, 0, 0, 0}, SearchTarget.defaults().sigma(visits, returns), 0.0);
      // ... and pi' is the prior.
      assertArrayEquals(
          new double[] {0.1, 0.2, 0.3, 0.4},
          SearchTarget.defaults().completedQPolicy(prior, visits, returns),
          1e-12,
          "Q " + q);
    }
  }

  @Test
  void aTieOfAllVisitedChildrenPushesNothingEither() {
    double[] prior = {Math.log(0.6), Math.log(0.4)};
    double[] pi =
        SearchTarget.defaults().completedQPolicy(prior, new int[] {4, 9}, new double[] {0.3, 0.3});
    assertArrayEquals(new double[] {0.6, 0.4}, pi, 1e-12);
  }

  @Test
  void visitCountsByHand() {
    // N = (3, 1, 0): pi' = (3/4, 1/4, 0), whatever the returns
    assertArrayEquals(new double[] {0.75, 0.25, 0.0}, SearchTarget.visitCountPolicy(VISITS), 1e-15);
    assertArrayEquals(
        new double[] {0.2, 0.3, 0.5}, SearchTarget.visitCountPolicy(new int[] {2, 3, 5}), 1e-15);
  }

  @Test
  void badInputIsRefusedWithWhatIsWrong() {
    SearchTarget t = SearchTarget.defaults();
    IllegalArgumentException lengths =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.completedQPolicy(PRIOR, new int[] {3, 1}, RETURNS));
    assertTrue(lengths.getMessage().contains("3 prior log-probabilities, 2 visit counts"));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.completedQPolicy(PRIOR, new int[] {0, 0, 0}, RETURNS));
    assertTrue(none.getMessage().contains("no candidate of the node was visited"));
    assertThrows(
        IllegalArgumentException.class, () -> SearchTarget.visitCountPolicy(new int[] {0, 0}));
    IllegalArgumentException prior =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                t.completedQPolicy(
                    new double[] {Math.log(0.5), Double.NEGATIVE_INFINITY, 0}, VISITS, RETURNS));
    assertTrue(prior.getMessage().contains("candidate 1 is -Infinity"), prior.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> t.completedQPolicy(PRIOR, new int[] {3, -1, 0}, RETURNS));
    IllegalArgumentException q =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.completedQPolicy(PRIOR, new int[] {3, 1, 1}, RETURNS));
    assertTrue(q.getMessage().contains("candidate 2 was visited 1 times"), q.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SearchTarget(-1, 0.1));
  }

  @Test
  void aSoftDecisionNeedsOneProbabilityPerCandidateSummingToOne() {
    float[][] rows = {{1}, {2}, {3}};
    SoftDecision ok = new SoftDecision(rows, new double[] {0.5, 0.25, 0.25});
    assertEquals(1, ok.width());
    assertThrows(
        IllegalArgumentException.class, () -> new SoftDecision(rows, new double[] {0.5, 0.5}));
    IllegalArgumentException sum =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SoftDecision(rows, new double[] {0.5, 0.25, 0.24}));
    assertTrue(sum.getMessage().contains("sum to 0.99"), sum.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SoftDecision(rows, new double[] {1.5, -0.25, -0.25}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SoftDecision(rows, new double[] {Double.NaN, 0.5, 0.5}));
    // a target made by the search is accepted as it is
    new SoftDecision(rows, SearchTarget.defaults().completedQPolicy(PRIOR, VISITS, RETURNS));
  }
}
