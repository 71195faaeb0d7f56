package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pass^k against values worked out by hand. */
class PassKTest {
  @Test
  void oneTaskByHand() {
    assertEquals(0.5, PassK.ofTask(4, 3, 2), 1e-12); // C(3,2)/C(4,2) = 3/6
    assertEquals(0.25, PassK.ofTask(4, 3, 3), 1e-12); // C(3,3)/C(4,3) = 1/4
    assertEquals(0.0, PassK.ofTask(4, 3, 4), 1e-12); // C(3,4) = 0
    assertEquals(1.0, PassK.ofTask(4, 4, 4), 1e-12);
    assertEquals(0.0, PassK.ofTask(4, 1, 2), 1e-12); // C(1,2) = 0
    assertEquals(10.0 / 56, PassK.ofTask(8, 5, 3), 1e-12); // C(5,3)/C(8,3) = 10/56
  }

  @Test
  void averagedOverTasks() {
    // tasks (n=4): c=4 -> 1, c=3 -> 3/6, c=2 -> 1/6, c=0 -> 0; mean = (1 + .5 + 1/6) / 4
    List<PassK.Runs> runs =
        List.of(
            new PassK.Runs(4, 4), new PassK.Runs(4, 3), new PassK.Runs(4, 2), new PassK.Runs(4, 0));
    assertEquals((1 + 0.5 + 1.0 / 6) / 4, PassK.of(runs, 2), 1e-12);
    // pass^4: only the all-success task counts
    assertEquals(0.25, PassK.of(runs, 4), 1e-12);
  }

  @Test
  void passOneIsTheSuccessRate() {
    List<PassK.Runs> runs =
        List.of(new PassK.Runs(4, 3), new PassK.Runs(4, 1), new PassK.Runs(4, 2));
    assertEquals(6.0 / 12, PassK.of(runs, 1), 1e-12);
    assertEquals(SuccessRate.of(6, 12).rate(), PassK.of(runs, 1), 1e-12);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PassK.ofTask(3, 3, 4));
    assertThrows(IllegalArgumentException.class, () -> PassK.ofTask(3, 4, 1));
    assertThrows(IllegalArgumentException.class, () -> PassK.ofTask(3, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> PassK.of(List.of(), 1));
  }
}
