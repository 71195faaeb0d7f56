package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.TestShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invalid actions are results, not crashes; the WebShop aliases work on the shop's pages. */
class WebEnvironmentTest {
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
  void invalidActionsLeaveThePageAndSayWhy() {
    Goal g = shop.data().goal(0);
    try (WebEnvironment env =
        new WebEnvironment(new HttpDriver(), g.instruction(), shop.startUrl(0, "inv"))) {
      Observation start = env.reset();
      StepResult r = env.step(new Action.Click(999));
      assertTrue(r.invalid());
      assertEquals("invalid action: no element [999] on this page", r.message());
      assertEquals(start, r.observation());
      StepResult typeOnButton = env.step(new Action.Type(2, "x"));
      assertTrue(typeOnButton.invalid(), typeOnButton.message());
      StepResult noLabel = env.step(new Action.ClickLabel("Buy Now"));
      assertEquals("invalid action: no element labelled 'Buy Now' on this page", noLabel.message());
      StepResult search = env.step(new Action.Search(shop.data().target(g).name()));
      assertFalse(search.invalid());
      assertTrue(search.observation().title().startsWith("Results"));
      StepResult noBox = env.step(new Action.Search("again"));
      assertTrue(
          noBox.invalid() && noBox.message().contains("needs a search box"), noBox.message());
    }
  }
}
