package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.GoalCheck;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.decision.ShopPage;
import io.agentq.infra.TestShop;
import io.agentq.infra.browser.HttpDriver;
import io.agentq.infra.browser.WebEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demonstrator buys the first listed product that fulfils the goal, through the policy's own
 * actions, on the real shop: every demonstration it completes succeeds, and on every results page
 * it opened a product no fulfilling product is listed above.
 */
class DemonstrationExpertTest {
  static ShopServer shop;

  @BeforeAll
  static void start() {
    shop = TestShop.start();
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @Test
  void itOpensTheFirstFulfillingResultAndBuysIt() {
    ShopData data = shop.data();
    int succeeded = 0;
    int opened = 0;
    for (Goal g : data.goals().subList(0, 12)) {
      GoalCheck check = new GoalCheck(g, data, shop.reward());
      DemonstrationExpert expert = new DemonstrationExpert(check, data.target(g));
      List<io.agentq.core.Observation> pages = new ArrayList<>();
      Episode r;
      try (WebEnvironment env =
          new WebEnvironment(
              new HttpDriver(),
              g.instruction(),
              shop.sandboxStartUrl(g.index(), "demo" + g.index()))) {
        r =
            new EpisodeLoop(expert, 20)
                .run(
                    null,
                    Integer.toString(g.index()),
                    env,
                    new SplittableRandom(1),
                    page -> {
                      pages.add(page);
                      return null;
                    });
      }
      succeeded += r.success() ? 1 : 0;
      if (r.terminated()) {
        assertTrue(r.success(), "a purchase the expert makes fulfils the goal: task " + g.index());
      }
      for (int i = 0; i < pages.size(); i++) {
        ShopPage page = ShopPage.read(pages.get(i));
        Action action = ActionParser.parse(r.steps().get(i).command());
        if (page.kind() != ShopPage.Kind.RESULTS || !(action instanceof Action.Click c)) {
          continue;
        }
        if (page.result(c.elementId()).isEmpty()) {
          continue; // paging on, or back to search
        }
        opened++;
        for (ShopPage.Result above : page.results()) {
          if (above.elementId() == c.elementId()) {
            assertTrue(check.accepts(above.asin()), "it opened a fulfilling product");
            break;
          }
          assertTrue(
              !check.accepts(above.asin()),
              "a fulfilling product above the one opened: " + above.title());
        }
      }
    }
    assertTrue(succeeded >= 10, succeeded + " of 12 demonstrations succeeded");
    assertEquals(true, opened >= succeeded, "it opened a product in every success");
  }
}
