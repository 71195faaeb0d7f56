package io.agentq.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reliability bins and the expected calibration error against values worked out by hand. */
class ReliabilityTest {
  @Test
  void fourBinsByHand() {
    List<Verdict> v =
        List.of(
            new Verdict(0.1, false),
            new Verdict(0.2, true),
            new Verdict(0.3, false),
            new Verdict(0.6, true),
            new Verdict(0.7, true),
            new Verdict(0.9, true),
            new Verdict(1.0, false));
    Reliability r = Reliability.of(v, 4);
    // [0, .25): 0.1 F, 0.2 T -> predicted .15, observed .5, gap .35
    // [.25, .5): 0.3 F        -> .3, 0, gap .3
    // [.5, .75): 0.6 T, 0.7 T -> .65, 1, gap .35
    // [.75, 1]: 0.9 T, 1.0 F  -> .95, .5, gap .45 (1.0 falls in the last bin)
    assertEquals(List.of(2, 1, 2, 2), r.bins().stream().map(Reliability.Bin::count).toList());
    assertEquals(0.15, r.bins().get(0).predicted(), 1e-12);
    assertEquals(0.5, r.bins().get(0).observed(), 1e-12);
    assertEquals(0.0, r.bins().get(1).observed(), 1e-12);
    assertEquals(0.65, r.bins().get(2).predicted(), 1e-12);
    assertEquals(0.95, r.bins().get(3).predicted(), 1e-12);
    assertEquals(0.5, r.bins().get(3).observed(), 1e-12);
    // ECE = (2 * .35 + 1 * .3 + 2 * .35 + 2 * .45) / 7 = 2.6 / 7
    assertEquals(2.6 / 7, r.ece(), 1e-12);
    assertEquals(7, r.total());
  }

  @Test
  void emptyBinsAreNaNAndAddNothing() {
    Reliability r = Reliability.of(List.of(new Verdict(0.05, false), new Verdict(0.95, true)), 10);
    assertTrue(Double.isNaN(r.bins().get(5).predicted()));
    assertEquals(0.05, r.ece(), 1e-12); // each bin off by .05, half the verdicts each
  }
}
