package io.agentq.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DpoLossTest {
  @Test
  void workedCheckOfTheSpec() {
    // specs/learning.md: log pi(w) = -0.5, r_w = -1.0, log pi(l) = -2.0, r_l = -1.5, beta = 0.1
    // m = 0.1 * ((-0.5 + 1.0) - (-2.0 + 1.5)) = 0.1 * (0.5 + 0.5) = 0.1
    double m = DpoLoss.margin(0.1, -0.5, -1.0, -2.0, -1.5);
    assertEquals(0.1, m, 1e-12);
    // softplus(-0.1) = ln(1 + e^-0.1) = ln(1.904837) = 0.644397
    assertEquals(0.64440, DpoLoss.loss(m), 5e-6);
  }

  @Test
  void lossIsLog2AtZeroMarginAndStableFarOut() {
    assertEquals(Math.log(2), DpoLoss.loss(0), 1e-12);
    assertEquals(1000, DpoLoss.loss(-1000), 1e-9); // softplus(1000) = 1000, no overflow
    assertEquals(0, DpoLoss.loss(1000), 1e-12);
  }

  @Test
  void logSoftmaxByHand() {
    // scores (0, ln 3): probabilities 1/4 and 3/4
    double[] s = {0, Math.log(3)};
    assertEquals(Math.log(0.25), DpoLoss.logSoftmax(s, 0), 1e-12);
    assertEquals(Math.log(0.75), DpoLoss.logSoftmax(s, 1), 1e-12);
  }

  @Test
  void aPreferenceWeighsOneUnlessToldAndNeverZero() {
    float[][] rows = {{1}, {2}};
    Preference p = Preference.atNode(rows, 0, 1, -1, -1);
    assertEquals(1, p.weight());
    assertEquals(0.25, p.withWeight(0.25).weight());
    assertThrows(IllegalArgumentException.class, () -> p.withWeight(0));
    assertThrows(IllegalArgumentException.class, () -> p.withWeight(Double.NaN));
  }
}
