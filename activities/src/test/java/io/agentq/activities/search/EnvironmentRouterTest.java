package io.agentq.activities.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.environments.site.Site;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests reach the adapter of the environment they name; an unserved one fails at once. */
class EnvironmentRouterTest {
  /** A site that records which environment was asked for a key, and holds nothing. */
  record Recorded(String environment, List<String> asked) implements Site {
    @Override
    public String baseUrl() {
      return "http://127.0.0.1:1";
    }

    @Override
    public String instruction(int taskId) {
      return "task " + taskId;
    }

    @Override
    public String openSession(int taskId, String sessionId, boolean sandbox) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyLookup<Held> held(String key, String chosenStateUrl) {
      asked.add(environment + ":" + key);
      return new KeyLookup<>(key, KeyLookup.State.ABSENT, null);
    }
  }

  /** A site whose every answer is bad input, as the HTTP driver's refusal of the booking site. */
  record Refusing(String environment) implements Site {
    @Override
    public String baseUrl() {
      return "http://127.0.0.1:1";
    }

    @Override
    public String instruction(int taskId) {
      return "task " + taskId;
    }

    @Override
    public String openSession(int taskId, String sessionId, boolean sandbox) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyLookup<Held> held(String key, String chosenStateUrl) {
      throw new InputException("the booking site needs a browser: use --driver playwright");
    }
  }

  private static SiteEnvironmentActivities adapter(Site site, DriverFactory drivers) {
    return new SiteEnvironmentActivities(site, drivers, null, AgentCatalog.of(null, null));
  }

  private static EnvironmentActivities.Lookup lookup(String environment, String key) {
    return new EnvironmentActivities.Lookup(environment, "e1", 3, key, null, false);
  }

  @Test
  void eachRequestReachesTheSiteItNamesAndAnUnnamedOneTheShop() {
    List<String> asked = new ArrayList<>();
    try (DriverFactory drivers = new DriverFactory("http")) {
      EnvironmentRouter router =
          new EnvironmentRouter(
              List.of(
                  adapter(new Recorded(TaskQueues.SHOP, asked), drivers),
                  adapter(new Recorded(TaskQueues.BOOKING, asked), drivers)));
      assertEquals(List.of("shop", "booking"), router.environments());
      router.lookup(lookup("booking", "k1"));
      router.lookup(lookup("shop", "k2"));
      router.lookup(lookup(null, "k3"));
      assertEquals(List.of("booking:k1", "shop:k2", "shop:k3"), asked);
    }
  }

  @Test
  void anEnvironmentNotServedHereFailsAtOnceNamingTheServedOnes() {
    List<String> asked = new ArrayList<>();
    try (DriverFactory drivers = new DriverFactory("http")) {
      EnvironmentRouter router =
          new EnvironmentRouter(List.of(adapter(new Recorded(TaskQueues.SHOP, asked), drivers)));
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> router.lookup(lookup("booking", "k")));
      assertTrue(f.isNonRetryable());
      assertTrue(f.getOriginalMessage().contains("[shop]"), f.getOriginalMessage());
      assertTrue(f.getOriginalMessage().contains("'booking'"), f.getOriginalMessage());
      assertFalse(asked.contains("shop:k"), "the shop was never asked for another site's key");
    }
  }

  @Test
  void badInputOnTheWayFailsAtOnceWithItsLineAndIsNotRetried() {
    try (DriverFactory drivers = new DriverFactory("http")) {
      EnvironmentRouter router =
          new EnvironmentRouter(List.of(adapter(new Refusing(TaskQueues.BOOKING), drivers)));
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> router.lookup(lookup("booking", "k")));
      assertTrue(f.isNonRetryable());
      assertEquals(SearchEpisodeWorkflow.BAD_INPUT, f.getType());
      assertEquals(
          "the booking site needs a browser: use --driver playwright", f.getOriginalMessage());
    }
  }

  @Test
  void eachEnvironmentHasItsOwnBrowserQueueAndTheShopKeepsItsName() {
    assertEquals("agentq-browser", TaskQueues.browser("shop"));
    assertEquals("agentq-browser", TaskQueues.browser(null));
    assertEquals("agentq-browser-booking", TaskQueues.browser("booking"));
  }
}
