package io.agentq.environments.shop;

import static io.agentq.environments.shop.ShopFixture.buy;
import static io.agentq.environments.shop.ShopFixture.firstOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client an agent uses, against a real shop, and the JSON it reads. */
class ShopSiteTest {
  @TempDir Path dir;

  @Test
  void readsTasksInfoOrdersAndTheRequestLog() throws Exception {
    try (ShopServer shop = ShopFixture.start(ShopServer.Options.at(dir.resolve("shop.db")))) {
      ShopSite site = new ShopSite(shop.baseUrl() + "/");
      assertEquals(shop.data().goal(3).instructionText(), site.instruction(3));
      ShopInfo info = site.info();
      assertEquals(shop.data().catalog().size(), info.products());
      assertEquals(shop.data().goals().size(), info.goals());
      assertEquals(dir.resolve("shop.db").toAbsolutePath().toString(), info.database());

      assertEquals(shop.baseUrl() + "/s/live-s/", site.openSession(0, "live-s", false));
      Product p = ShopFixture.target();
      String key = "run-t42:irreversible:1";
      buy(shop, "live-s", p, firstOptions(p), key);
      buy(shop, "live-s", p, firstOptions(p), key);
      OrderLookup l = site.lookup(key);
      assertEquals(key, l.key());
      assertEquals(OrderLookup.State.TAKEN, l.state());
      assertEquals(site.orders().get(0), l.order());
      assertEquals(
          IdempotencyKeys.request("live-s", p.asin(), firstOptions(p)), l.order().request());
      assertEquals(2, site.requests().size());
      assertEquals(RequestLogEntry.Outcome.REPLAYED, site.requests().get(1).outcome());

      JsonNode lookup =
          new ObjectMapper()
              .readTree(
                  ShopFixture.get(shop.baseUrl() + "/api/orders/run-t42%3Airreversible%3A1")
                      .body());
      assertEquals("taken", lookup.get("state").asText());
      assertEquals(key, lookup.get("order").get("key").asText());
      HttpResponse<String> absent = ShopFixture.get(shop.baseUrl() + "/api/orders/never");
      assertEquals(200, absent.statusCode());
      assertEquals("application/json", absent.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("{\"key\":\"never\",\"state\":\"absent\",\"order\":null}", absent.body());
      assertNull(site.lookup("never").order());
      String log = ShopFixture.get(shop.baseUrl() + "/api/requests").body();
      assertTrue(log.contains("\"outcome\":\"created\""), log);
      assertEquals(404, ShopFixture.get(shop.baseUrl() + "/api/tasks/99999").statusCode());
    }
  }

  @Test
  void theLandingFormOpensASandboxSession() {
    try (ShopServer shop = ShopFixture.start(ShopServer.Options.at(dir.resolve("shop.db")))) {
      HttpResponse<String> go = ShopFixture.get(shop.baseUrl() + "/go?task=2");
      assertEquals("/start/2?sandbox=1", go.headers().firstValue("Location").orElseThrow());
      String session =
          ShopFixture.get(shop.baseUrl() + "/start/2?sandbox=1")
              .headers()
              .firstValue("Location")
              .orElseThrow()
              .split("/")[2];
      Product p = shop.data().target(shop.data().goal(2));
      assertEquals(303, buy(shop, session, p, firstOptions(p), null).statusCode());
      assertTrue(new ShopSite(shop.baseUrl()).orders().isEmpty());
    }
  }

  @Test
  void failuresNameTheUrlAndWhatWentWrong() throws Exception {
    try (ShopServer shop = ShopFixture.start(ShopServer.Options.at(dir.resolve("shop.db")))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      site.openSession(0, "live-x", false);
      IllegalStateException taken =
          assertThrows(IllegalStateException.class, () -> site.openSession(1, "live-x", false));
      assertTrue(taken.getMessage().contains(shop.baseUrl() + "/start/1?session=live-x"));
      assertTrue(taken.getMessage().contains("HTTP 404"), taken.getMessage());
      assertTrue(taken.getMessage().contains("belongs to task 0"), taken.getMessage());
      HttpResponse<String> malformed =
          ShopFixture.HTTP.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(shop.baseUrl() + "/s/live-x/buy/B0"))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("o_color=%zz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, malformed.statusCode(), malformed.body());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ShopSite nobody = new ShopSite("http://127.0.0.1:" + port, Duration.ofSeconds(2));
    UncheckedIOException down = assertThrows(UncheckedIOException.class, nobody::info);
    assertTrue(down.getMessage().contains("http://127.0.0.1:" + port + "/api/info"));
  }

  @Test
  void optionsRefuseNegativeDelays() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShopServer.Options.at(dir.resolve("x.db")).withCommitDelay(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("commitDelay"), e.getMessage());
  }
}
