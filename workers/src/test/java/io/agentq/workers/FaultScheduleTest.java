package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.workers.tools.FaultSchedule;
import io.agentq.workers.tools.FaultSchedule.Fault;
import io.agentq.workers.tools.FaultSchedule.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nemesis's schedule: a seed gives one schedule, and the kinds are spread over the seeds. */
class FaultScheduleTest {
  @Test
  void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
    assertEquals(FaultSchedule.of(7, 6, 20, 10).faults(), FaultSchedule.of(7, 6, 20, 10).faults());
    assertNotEquals(
        FaultSchedule.of(7, 6, 20, 10).faults(), FaultSchedule.of(8, 6, 20, 10).faults());
  }

  @Test
  void fiveFaultsOrMoreCoverEveryKindAndFewerAreAllDifferent() {
    for (long seed = 1; seed <= 50; seed++) {
      Set<Kind> six = EnumSet.noneOf(Kind.class);
      FaultSchedule.of(seed, 6, 20, 10).faults().forEach(f -> six.add(f.kind()));
      assertEquals(EnumSet.allOf(Kind.class), six, "seed " + seed);
      List<Fault> three = FaultSchedule.of(seed, 3, 20, 10).faults();
      assertEquals(3, three.stream().map(Fault::kind).distinct().count(), "seed " + seed);
    }
  }

  @Test
  void overFiveSeedsTwoFaultsEachStillSeeSeveralKinds() {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    for (long seed = 1; seed <= 5; seed++) {
      FaultSchedule.of(seed, 2, 2, 10).faults().forEach(f -> seen.add(f.kind()));
    }
    assertTrue(seen.size() >= 4, seen.toString());
  }

  @Test
  void momentsRiseWithProgressAndPausesOutlastTheTimeouts() {
    for (long seed = 1; seed <= 50; seed++) {
      List<Fault> faults = FaultSchedule.of(seed, 8, 20, 10).faults();
      assertEquals(8, faults.size());
      for (int i = 0; i < faults.size(); i++) {
        Fault f = faults.get(i);
        assertEquals(i + 1, f.ordinal());
        assertTrue(f.afterEpisodes() >= 0 && f.afterEpisodes() < 19, f.toString());
        if (i > 0) {
          assertTrue(f.afterEpisodes() >= faults.get(i - 1).afterEpisodes(), "sorted");
        }
        assertTrue(f.delayMillis() >= 0 && f.delayMillis() < 5_000);
        switch (f.kind()) {
          case PAUSE_WORKER -> {
            assertTrue(f.downMillis() >= 13_000 && f.downMillis() < 20_000, f.toString());
            assertTrue(FaultSchedule.WORKERS.contains(f.target()), f.target());
          }
          case KILL_BROWSER_WORKER ->
              assertTrue(FaultSchedule.BROWSERS.contains(f.target()), f.target());
          case KILL_CLIENT -> assertTrue(!f.atCommit(), "a client holds no commit");
          default -> {}
        }
        if (f.kind() != Kind.PAUSE_WORKER) {
          assertTrue(f.downMillis() >= 500 && f.downMillis() < 5_000, f.toString());
        }
      }
    }
  }

  @Test
  void noFaultsIsAnEmptySchedule() {
    assertEquals(List.of(), FaultSchedule.of(3, 0, 20, 10).faults());
    assertEquals(1, FaultSchedule.of(3, 1, 1, 10).faults().size());
  }
}
