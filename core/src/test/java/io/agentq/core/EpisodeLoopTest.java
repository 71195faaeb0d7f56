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
    EpisodeResult r = new EpisodeLoop(p, 12).run("t", new Corridor(), new SplittableRandom(1));
    assertTrue(r.success());
    assertEquals(3, r.steps());
    assertTrue(r.trajectory().get(0).invalid());
    assertEquals("CLICK [9]", r.trajectory().get(0).action());
    assertFalse(r.trajectory().get(1).invalid());
  }

  @Test
  void stopsAtTheStepLimitWithoutSuccess() {
    Policy p = new Scripted(List.of(new Action.Back()));
    EpisodeResult r = new EpisodeLoop(p, 5).run("t", new Corridor(), new SplittableRandom(1));
    assertFalse(r.success());
    assertFalse(r.terminated());
    assertEquals(5, r.steps());
  }
}
