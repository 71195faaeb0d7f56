package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentq.core.Action;
import io.agentq.core.StepResult;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.ShopInChromium;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast HTTP driver and headless Chromium give identical observations, rewards and terminal
 * flags on the same action sequences (seeded random walks with searches, clicks, options,
 * sub-pages, back, scroll, invalid ids and purchases).
 */
class DriverParityTest extends ShopInChromium {
  @Test
  void bothDriversSeeTheSamePagesAndRewards() {
    int steps = 0;
    int purchases = 0;
    for (int episode = 0; episode < 12; episode++) {
      Goal g = shop.data().goal(episode * 7 % shop.data().goals().size());
      String words = shop.data().target(g).name() + " " + g.instructionText();
      SplittableRandom rng = new SplittableRandom(episode);
      List<Action> actions = new ArrayList<>();
      List<StepResult> fast = new ArrayList<>();
      String session = "parity-" + episode;
      try (WebEnvironment http =
          new WebEnvironment(new HttpDriver(), g.instruction(), shop.startUrl(g.index(), session))
              .sendingKeys(session, n -> session + ":irreversible:" + n)) {
        var page = http.reset();
        for (int i = 0; i < 25; i++) {
          Action a = RandomWalk.next(page, words, rng);
          StepResult r = http.step(a);
          actions.add(a);
          fast.add(r);
          page = r.observation();
          if (r.done()) {
            purchases++;
            break;
          }
        }
      }
      // The same session: its one purchase (if any) is read back, not bought again.
      try (WebEnvironment browser =
          new WebEnvironment(
                  chromium.newDriver(), g.instruction(), shop.startUrl(g.index(), session))
              .sendingKeys(session, n -> session + ":irreversible:" + n)) {
        browser.reset();
        for (int i = 0; i < actions.size(); i++) {
          StepResult real = browser.step(actions.get(i));
          String where = "episode " + episode + " step " + i + " " + actions.get(i);
          assertEquals(fast.get(i).observation(), real.observation(), where);
          assertEquals(fast.get(i).reward(), real.reward(), where);
          assertEquals(fast.get(i).done(), real.done(), where);
          assertEquals(fast.get(i).invalid(), real.invalid(), where);
          steps++;
        }
      }
    }
    System.out.println("parity: " + steps + " steps compared, " + purchases + " purchases");
    org.junit.jupiter.api.Assertions.assertTrue(steps > 150, "steps compared: " + steps);
  }
}
