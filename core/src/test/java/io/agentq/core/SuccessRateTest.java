package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Wilson 95% intervals against values worked out by hand (z = 1.959964). */
class SuccessRateTest {
  @Test
  void fiftyOfTwoHundred() {
    // p = .25, z^2/n = .019208; centre = (.25 + .009604) / 1.019208 = .254713;
    // half = 1.959964 * sqrt(.0009375 + .0000240) / 1.019208 = 1.959964 * .031008 / 1.019208 =
    // .059630
    SuccessRate r = SuccessRate.of(50, 200);
    assertEquals(0.25, r.rate());
    assertEquals(0.19508, r.low(), 1e-4);
    assertEquals(0.31434, r.high(), 1e-4);
  }

  @Test
  void zeroAndAllStayInside() {
    assertEquals(0.0, SuccessRate.of(0, 10).low());
    assertEquals(0.27753, SuccessRate.of(0, 10).high(), 1e-4); // 3.8415 / 13.8415
    assertEquals(1.0, SuccessRate.of(10, 10).high(), 1e-12);
    assertEquals("25.0% (50/200, 95% CI 19.5-31.4%)", SuccessRate.of(50, 200).toString());
  }
}
