package io.agentq.environments.shop;

import static io.agentq.environments.shop.ShopFixture.buy;
import static io.agentq.environments.shop.ShopFixture.firstOptions;
import static io.agentq.environments.shop.ShopFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop's records live in its database file, not in the server: they survive a restart, hold one
 * order per key across two shops on one file, and keys (never orders) go after their retention.
 */
class ShopRecordsTest {
  @TempDir Path dir;

  private ShopServer.Options options() {
    return ShopServer.Options.at(dir.resolve("shop.db"));
  }

  @Test
  void ordersKeysAndSessionsSurviveARestartOnTheSameFile() {
    Product p = ShopFixture.target();
    String key = "ep-r:irreversible:1";
    Order before;
    try (ShopServer shop = ShopFixture.start(options())) {
      open(shop, "live-r", false);
      open(shop, "sbx-r", true);
      assertEquals(303, buy(shop, "live-r", p, firstOptions(p), key).statusCode());
      before = new ShopSite(shop.baseUrl()).lookup(key).order();
    }
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      // Both sessions are known without /start: the file remembers them.
      assertEquals(200, ShopFixture.get(shop.baseUrl() + "/s/live-r/").statusCode());
      assertEquals(200, ShopFixture.get(shop.baseUrl() + "/s/sbx-r/").statusCode());
      HttpResponse<String> done = ShopFixture.get(shop.baseUrl() + "/s/live-r/done");
      assertEquals(200, done.statusCode(), done.body());
      assertTrue(done.body().contains("(" + p.asin() + ")"), done.body());
      assertTrue(done.body().contains("agentq-reward\">" + before.reward() + "<"), done.body());

      OrderLookup after = site.lookup(key);
      assertEquals(OrderLookup.State.TAKEN, after.state());
      assertEquals(before, after.order());
      assertEquals(List.of(before), site.orders());
      assertEquals(p.asin(), shop.purchase("live-r").orElseThrow().asin());

      HttpResponse<String> again = buy(shop, "live-r", p, firstOptions(p), key);
      assertEquals(303, again.statusCode());
      assertEquals("true", again.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).orElse(null));
      assertEquals(
          422, buy(shop, "live-r", ShopFixture.another(), java.util.Map.of(), key).statusCode());
      assertEquals(1, site.orders().size());
      // A session id keeps its task and mode across the restart.
      assertEquals(
          404, ShopFixture.get(shop.baseUrl() + "/start/0?session=live-r&sandbox=1").statusCode());
    }
  }

  @Test
  void twoShopsOnOneFileMakeOneOrderPerKey() throws Exception {
    ShopServer.Options slow = options().withCommitDelay(Duration.ofMillis(500));
    try (ShopServer a = ShopFixture.start(slow);
        ShopServer b = ShopFixture.start(slow)) {
      open(a, "live-t", false);
      Product p = ShopFixture.target();
      String key = "ep-t:irreversible:1";
      // Each shop has its own map of keys in progress: only the database can keep one order.
      CompletableFuture<HttpResponse<String>> viaA =
          CompletableFuture.supplyAsync(() -> buy(a, "live-t", p, firstOptions(p), key));
      CompletableFuture<HttpResponse<String>> viaB =
          CompletableFuture.supplyAsync(() -> buy(b, "live-t", p, firstOptions(p), key));
      List<HttpResponse<String>> answers = List.of(viaA.get(), viaB.get());
      for (HttpResponse<String> r : answers) {
        assertEquals(303, r.statusCode(), r.body());
      }
      assertEquals(
          1,
          answers.stream()
              .filter(r -> r.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).isPresent())
              .count(),
          "one made the order, the other replayed it");
      assertEquals(1, new ShopSite(a.baseUrl()).orders().size());
      assertEquals(1, new ShopSite(b.baseUrl()).orders().size());
    }
  }

  @Test
  void aFailureBetweenTheOrderRowAndTheKeyRowLeavesNeither() {
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-f", false);
      Product p = ShopFixture.target();
      String key = "ep-f:irreversible:1";
      shop.orderBook().betweenOrderAndKey =
          () -> {
            throw new IllegalStateException("simulated crash between the order and its key");
          };
      HttpResponse<String> failed = buy(shop, "live-f", p, firstOptions(p), key);
      assertEquals(500, failed.statusCode());
      assertTrue(failed.body().contains("/api/orders/ep-f%3Airreversible%3A1"), failed.body());
      assertTrue(site.orders().isEmpty(), "the order row went with the failed transaction");
      assertEquals(OrderLookup.State.ABSENT, site.lookup(key).state());

      shop.orderBook().betweenOrderAndKey = () -> {};
      HttpResponse<String> retry = buy(shop, "live-f", p, firstOptions(p), key);
      assertEquals(303, retry.statusCode());
      assertTrue(retry.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).isEmpty());
      assertEquals(1, site.orders().size(), "the retry made the one order");
      assertEquals(
          List.of(RequestLogEntry.Outcome.FAILED_500, RequestLogEntry.Outcome.CREATED),
          site.requests().stream().map(RequestLogEntry::outcome).toList());
    }
  }

  @Test
  void keysOlderThanTheRetentionArePurgedAtStartAndTheirOrdersStay() throws Exception {
    Product p = ShopFixture.target();
    String key = "ep-k:irreversible:1";
    try (ShopServer shop = ShopFixture.start(options())) {
      open(shop, "live-k", false);
      assertEquals(303, buy(shop, "live-k", p, firstOptions(p), key).statusCode());
    }
    try (ShopServer shop = ShopFixture.start(options())) {
      assertEquals(
          OrderLookup.State.TAKEN,
          new ShopSite(shop.baseUrl()).lookup(key).state(),
          "the default retention keeps the key");
    }
    Thread.sleep(20);
    try (ShopServer shop = ShopFixture.start(options().withKeyRetention(Duration.ofMillis(1)))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      assertEquals(OrderLookup.State.ABSENT, site.lookup(key).state());
      assertEquals(1, site.orders().size(), "orders are never purged");
      assertEquals(key, site.orders().get(0).key());
    }
  }
}
