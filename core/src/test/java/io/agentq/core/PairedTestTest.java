package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact McNemar test against values worked out by hand. */
class PairedTestTest {
  @Test
  void exactPValuesByHand() {
    // b = 0, c = 5: 2 * (1/32) = 0.0625
    assertEquals(0.0625, PairedTest.exactP(0, 5), 1e-12);
    // b = 1, c = 5: 2 * (1 + 6) / 64 = 0.21875
    assertEquals(0.21875, PairedTest.exactP(1, 5), 1e-12);
    // b = 2, c = 8: 2 * (1 + 10 + 45) / 1024 = 0.109375
    assertEquals(0.109375, PairedTest.exactP(2, 8), 1e-12);
    // symmetric, capped at 1, and 1 without disagreements
    assertEquals(PairedTest.exactP(8, 2), PairedTest.exactP(2, 8), 1e-15);
    assertEquals(1.0, PairedTest.exactP(3, 3));
    assertEquals(1.0, PairedTest.exactP(0, 0));
    // n = 2000: finite, and far below 0.001 for 900 against 1100
    double p = PairedTest.exactP(900, 1100);
    assertEquals(true, p > 0 && p < 1e-3, "p = " + p);
  }

  @Test
  void onlyTasksBothRanAreCompared() {
    Map<Integer, Boolean> base = Map.of(1, true, 2, false, 3, false, 4, true, 5, false);
    Map<Integer, Boolean> other = Map.of(1, true, 2, true, 3, true, 4, false, 9, true);
    PairedTest t = PairedTest.of(base, other);
    assertEquals(1, t.firstOnly(), "task 4");
    assertEquals(2, t.secondOnly(), "tasks 2 and 3; task 9 the base never ran");
    assertEquals(1.0, t.p(), 1e-12, "2 * (1 + 3) / 8 = 1");
    assertEquals("+2/-1, p = 1.000", t.describe());
  }
}
