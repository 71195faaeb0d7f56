package io.agentq.infra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.Product;
import io.agentq.environments.shop.Purchase;
import io.agentq.environments.shop.RewardBreakdown;
import io.agentq.infra.ShopInChromium;
import io.agentq.infra.browser.WebEnvironment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zero-shot policy drives headless Chromium through the shop served by this test to a purchase,
 * and the episode's score is what the reward function gives for what the server recorded.
 */
class ZeroShotEndToEndTest extends ShopInChromium {
  @Test
  void zeroShotPolicyBuysInChromiumAndTheScoreIsTheRewardFunctions() {
    ZeroShotPolicy policy = ZeroShotPolicy.withDefaults();
    int purchases = 0;
    for (int task = 0; task < 6 && purchases < 3; task++) {
      Goal goal = shop.data().goal(task);
      String session = "e2e-" + task;
      Episode r;
      try (WebEnvironment env =
          new WebEnvironment(chromium.newDriver(), goal.instruction(), shop.startUrl(task, session))
              .sendingKeys(session, n -> session + ":irreversible:" + n)) {
        r =
            new EpisodeLoop(policy, 12)
                .run(Integer.toString(task), env, new SplittableRandom(task));
      }
      if (!r.terminated()) {
        continue;
      }
      purchases++;
      Purchase p = shop.purchase(session).orElseThrow();
      Product bought = shop.data().catalog().product(p.asin()).orElseThrow();
      RewardBreakdown expected =
          shop.reward()
              .score(
                  goal,
                  shop.data().target(goal),
                  bought,
                  shop.data().catalog().price(p.asin()),
                  p.options());
      assertEquals(expected.total(), r.score(), 1e-12, "task " + task);
      assertEquals(expected.success(), r.success());
      assertTrue(r.steps().get(r.length() - 1).command().startsWith("CLICK"), r.steps().toString());
    }
    assertTrue(purchases >= 1, "the zero-shot policy reached no purchase in 6 tasks");
  }
}
