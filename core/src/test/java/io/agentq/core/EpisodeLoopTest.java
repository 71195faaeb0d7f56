package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EpisodeLoopTest {
  /** A corridor: CLICK [1] moves one page on; the third page is terminal with reward 1. */
  static final class Corridor implements Environment {
    int at;

    Observation page() {
      return new Observation(
          "x:" + at, "p" + at, "page " + at, List.of(new PageElement(1, "link", "on", false)));
    }

    public Instruction instruction() {
      return new Instruction("walk");
    }

    public Observation reset() {
      at = 0;
      return page();
    }

    public StepResult step(Action a) {
      if (!a.equals(new Action.Click(1))) {
        return new StepResult(page(), false, 0, true, "invalid action: no such element");
      }
      at++;
      return new StepResult(page(), at == 2, at == 2 ? 1.0 : 0.0, false, "ok");
    }

    public Observation observation() {
      return page();
    }

    public String stateUrl() {
      return "x:" + at;
    }

    public Observation restore(String url) {
      at = Integer.parseInt(url.substring(2));
      return page();
    }

    public void close() {}
  }

  /** Proposes the given commands in turn. */
  record Scripted(List<Action> actions) implements Policy {
    public List<CompositeAction> propose(AgentState s, int k, RandomGenerator r) {
      return List.of(
          new CompositeAction("", "t", actions.get(s.step() % actions.size()), "", -0.5));
    }

    public double logLikelihood(AgentState s, Action a) {
      return 0;
    }

    public String name() {
      return "scripted";
    }
  }

  @Test
  void invalidActionsAreRecordedAndCountAsSteps() {
    Policy p = new Scripted(List.of(new Action.Click(9), new Action.Click(1), new Action.Click(1)));
    Episode r = new EpisodeLoop(p, 12).run("t", new Corridor(), new SplittableRandom(1));
    assertTrue(r.success());
    assertEquals(3, r.length());
    assertTrue(r.steps().get(0).invalid());
    assertEquals("CLICK [9]", r.steps().get(0).command());
    assertFalse(r.steps().get(1).invalid());
  }

  @Test
  void stopsAtTheStepLimitWithoutSuccess() {
    Policy p = new Scripted(List.of(new Action.Back()));
    Episode r = new EpisodeLoop(p, 5).run("t", new Corridor(), new SplittableRandom(1));
    assertFalse(r.success());
    assertFalse(r.terminated());
    assertEquals(5, r.length());
  }

  @Test
  void eachStepKeepsItsStateTheHistoryBeforeItAndWhereItsPageIsStored() {
    Policy p = new Scripted(List.of(new Action.Click(9), new Action.Click(1), new Action.Click(1)));
    List<String> kept = new java.util.ArrayList<>();
    Episode r =
        new EpisodeLoop(p, 12)
            .run(
                "e1",
                "t",
                new Corridor(),
                new SplittableRandom(1),
                page -> {
                  kept.add(page.url());
                  return "obs/" + kept.size();
                });
    // Worked by hand: CLICK [9] is refused on x:0, then two clicks walk x:0 -> x:1 -> x:2 (done).
    assertEquals(List.of("x:0", "x:0", "x:1"), kept);
    assertEquals(List.of("x:0", "x:0", "x:1"), r.steps().stream().map(Episode.Step::url).toList());
    assertEquals(
        List.of("obs/1", "obs/2", "obs/3"),
        r.steps().stream().map(Episode.Step::observationKey).toList());
    assertEquals(List.of("CLICK [9]", "CLICK [1]"), r.steps().get(2).history());
    assertEquals(List.of(), r.steps().get(0).history());
    assertEquals("e1", r.episodeId());
    assertEquals("walk", r.instruction());
    assertEquals(3, r.interactions());
    assertEquals(-1.5, r.logLikelihood(), 1e-12);
    assertEquals(1.0, r.steps().get(2).reward(), 1e-12);
  }
}
