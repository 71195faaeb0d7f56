package io.agentq.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge's metrics against values worked out by hand. */
class AgreementTest {
  // Probabilities, best first, with the site's outcome: T T T T T successes, F F F failures.
  static final List<Verdict> EIGHT =
      List.of(
          new Verdict(0.9, true),
          new Verdict(0.8, false),
          new Verdict(0.7, true),
          new Verdict(0.6, true),
          new Verdict(0.4, true),
          new Verdict(0.3, false),
          new Verdict(0.2, true),
          new Verdict(0.1, false));

  @Test
  void confusionAndRatesAtOneHalf() {
    Agreement a = Agreement.of(EIGHT, 0.5);
    // Said success: 0.9 T (tp), 0.8 F (fp), 0.7 T, 0.6 T (tp); said failure: 0.4 T, 0.2 T (fn),
    // 0.3 F, 0.1 F (tn).
    assertEquals(3, a.tp());
    assertEquals(1, a.fp());
    assertEquals(2, a.tn());
    assertEquals(2, a.fn());
    assertEquals(5.0 / 8, a.agreement().rate(), 1e-12);
    assertEquals(0.75, a.precision().rate(), 1e-12);
    assertEquals(0.6, a.recall().rate(), 1e-12);
    assertEquals(6.0 / 9, a.f1(), 1e-12); // 2*3 / (2*3 + 1 + 2)
    assertEquals(4, a.precision().trials());
    assertEquals(5, a.recall().trials());
  }

  @Test
  void aThresholdEqualToAProbabilitySaysSuccess() {
    Agreement a = Agreement.of(EIGHT, 0.6);
    assertEquals(3, a.tp());
    assertEquals(Agreement.of(EIGHT, 0.5), new Agreement(0.5, a.tp(), a.fp(), a.tn(), a.fn()));
  }

  @Test
  void noSuccessSaidGivesZeroPrecisionOverNothing() {
    Agreement a = Agreement.of(EIGHT, 0.95);
    assertEquals(0, a.precision().trials());
    assertEquals(0, a.f1(), 0);
    assertEquals(3.0 / 8, a.agreement().rate(), 1e-12);
  }

  @Test
  void bestThresholdMaximisesAgreementTiesToTheOneNearestAHalf() {
    // Right at 0.2: 6 (tp 5, fp 2, tn 1); at 0.4: 6 (tp 4, fp 1, tn 2, fn 1); at 0.5/0.6: 5;
    // at 0.1: 5; 0.3: 5; 0.7: 4; 0.8: 3; 0.9: 4. Tie 0.2 / 0.4: 0.4 is nearer 0.5.
    assertEquals(0.4, Agreement.bestThreshold(EIGHT), 0);
  }

  @Test
  void aProbabilityOutsideZeroOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Verdict(1.2, true));
    assertThrows(IllegalArgumentException.class, () -> new Verdict(Double.NaN, true));
  }
}
