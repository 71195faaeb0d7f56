package io.agentq.environments.shop;

import static io.agentq.environments.shop.ShopFixture.buy;
import static io.agentq.environments.shop.ShopFixture.firstOptions;
import static io.agentq.environments.shop.ShopFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.shop.RequestLogEntry.Outcome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Buy Now on a live session keeps the Idempotency-Key contract: no key, no order; one order per key
 * however often and however concurrently it is sent; another request under a used key is refused. A
 * sandbox session scores without recording.
 */
class BuyNowContractTest {
  @TempDir Path dir;

  private ShopServer.Options options() {
    return ShopServer.Options.at(dir.resolve("shop.db"));
  }

  private static List<Outcome> outcomes(ShopSite site, String key) {
    return site.requests().stream()
        .filter(r -> key.equals(r.key()))
        .map(RequestLogEntry::outcome)
        .toList();
  }

  @Test
  void buyWithoutAKeyIsRefusedWith400AndMakesNothing() {
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-a", false);
      HttpResponse<String> r =
          buy(shop, "live-a", ShopFixture.target(), firstOptions(ShopFixture.target()), null);
      assertEquals(400, r.statusCode());
      assertTrue(r.body().contains("needs an Idempotency-Key header"), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(site.orders().isEmpty());
      assertTrue(shop.purchase("live-a").isEmpty());
      List<RequestLogEntry> log = site.requests();
      assertEquals(1, log.size());
      assertNull(log.get(0).key());
      assertEquals(Outcome.MISSING_KEY_400, log.get(0).outcome());
      assertEquals("ep-live-a", log.get(0).episode());
    }
  }

  @Test
  void theSameRequestUnderItsKeyReplaysTheStoredOutcome() {
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-b", false);
      Product p = ShopFixture.target();
      HttpResponse<String> first = buy(shop, "live-b", p, firstOptions(p), "ep-b:irreversible:1");
      assertEquals(303, first.statusCode(), first.body());
      assertEquals("/s/live-b/done", first.headers().firstValue("Location").orElseThrow());
      assertTrue(first.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).isEmpty());
      // The draft's sf-string form of the same key is the same key.
      for (String sent : List.of("ep-b:irreversible:1", "\"ep-b:irreversible:1\"")) {
        HttpResponse<String> again = buy(shop, "live-b", p, firstOptions(p), sent);
        assertEquals(303, again.statusCode(), again.body());
        assertEquals("/s/live-b/done", again.headers().firstValue("Location").orElseThrow());
        assertEquals(
            "true", again.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).orElse(null));
      }
      List<Order> orders = site.orders();
      assertEquals(1, orders.size());
      Order o = orders.get(0);
      assertEquals("ep-b:irreversible:1", o.key());
      assertEquals("ep-live-b", o.episode());
      assertEquals("live-b", o.session());
      assertEquals(0, o.task());
      assertEquals(p.asin(), o.asin());
      assertEquals(firstOptions(p), o.options());
      assertEquals(p.asin(), o.request().asin());
      assertEquals(
          List.of(Outcome.CREATED, Outcome.REPLAYED, Outcome.REPLAYED),
          outcomes(site, "ep-b:irreversible:1"));
      HttpResponse<String> done = ShopFixture.get(shop.baseUrl() + "/s/live-b/done");
      assertEquals(200, done.statusCode());
      assertTrue(done.body().contains("(" + p.asin() + ")"), done.body());
      assertTrue(done.body().contains("agentq-reward\">" + o.reward() + "<"), done.body());
    }
  }

  @Test
  void concurrentRequestsUnderOneKeyMakeOneOrder() throws Exception {
    int requests = 4;
    try (ShopServer shop = ShopFixture.start(options().withCommitDelay(Duration.ofMillis(600)))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-c", false);
      Product p = ShopFixture.target();
      ExecutorService pool = Executors.newFixedThreadPool(requests);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return buy(shop, "live-c", p, firstOptions(p), "ep-c:irreversible:1");
                }));
      }
      go.countDown();
      int created = 0;
      for (Future<HttpResponse<String>> f : sent) {
        HttpResponse<String> r = f.get();
        boolean replayed = r.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).isPresent();
        assertTrue(r.statusCode() == 409 || r.statusCode() == 303, r.statusCode() + r.body());
        if (r.statusCode() == 303 && !replayed) {
          created++;
        }
      }
      pool.shutdown();
      assertEquals(1, created, "exactly one request made the order");
      assertEquals(1, site.orders().size());
      List<Outcome> log = outcomes(site, "ep-c:irreversible:1");
      assertEquals(requests, log.size(), "every request is logged: " + log);
      assertEquals(1, log.stream().filter(Outcome.CREATED::equals).count(), log.toString());
    }
  }

  @Test
  void aRetryWhileTheFirstRequestRunsGets409AndTheKeyIsInProgress() throws Exception {
    try (ShopServer shop = ShopFixture.start(options().withCommitDelay(Duration.ofMillis(1500)))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-d", false);
      Product p = ShopFixture.target();
      String key = "ep-d:irreversible:1";
      assertEquals(OrderLookup.State.ABSENT, site.lookup(key).state());
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(() -> buy(shop, "live-d", p, firstOptions(p), key));
      awaitInProgress(site, key);

      HttpResponse<String> retry = buy(shop, "live-d", p, firstOptions(p), key);
      assertEquals(409, retry.statusCode(), retry.body());
      assertTrue(retry.body().contains("still being processed"), retry.body());
      HttpResponse<String> other = buy(shop, "live-d", ShopFixture.another(), Map.of(), key);
      assertEquals(422, other.statusCode(), "another request under a running key: " + other.body());

      assertEquals(303, first.get().statusCode());
      OrderLookup taken = site.lookup(key);
      assertEquals(OrderLookup.State.TAKEN, taken.state());
      assertEquals(p.asin(), taken.order().asin());
      assertEquals(1, site.orders().size());
      assertEquals(
          List.of(Outcome.IN_PROGRESS_409, Outcome.MISMATCH_422, Outcome.CREATED),
          outcomes(site, key));
    }
  }

  private static void awaitInProgress(ShopSite site, String key) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMillis(1200).toNanos();
    while (System.nanoTime() < until) {
      OrderLookup l = site.lookup(key);
      assertFalse(l.state() == OrderLookup.State.TAKEN, "taken before the commit delay ended");
      if (l.state() == OrderLookup.State.IN_PROGRESS) {
        assertNull(l.order());
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("key " + key + " was never in progress during the commit delay");
  }

  @Test
  void anotherRequestUnderAUsedKeyGets422AndMakesNothing() {
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "live-e", false);
      open(shop, "live-e2", false);
      Product p = ShopFixture.target();
      String key = "ep-e:irreversible:1";
      assertEquals(303, buy(shop, "live-e", p, firstOptions(p), key).statusCode());
      List<HttpResponse<String>> refused = new ArrayList<>();
      refused.add(buy(shop, "live-e", ShopFixture.another(), Map.of(), key)); // another product
      refused.add(buy(shop, "live-e2", p, firstOptions(p), key)); // another session
      if (!p.options().isEmpty()) {
        refused.add(buy(shop, "live-e", p, Map.of(), key)); // other options
      }
      for (HttpResponse<String> r : refused) {
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("Nothing was bought"), r.body());
        assertTrue(r.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).isEmpty());
      }
      assertEquals(1, site.orders().size());
      assertEquals(p.asin(), site.lookup(key).order().asin());
      assertTrue(shop.purchase("live-e2").isEmpty());
      assertEquals(
          refused.size(),
          outcomes(site, key).stream().filter(Outcome.MISMATCH_422::equals).count());
    }
  }

  @Test
  void aSandboxBuyNeedsNoKeyAndRecordsNothing() {
    try (ShopServer shop = ShopFixture.start(options())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      open(shop, "sbx-f", true);
      Product p = ShopFixture.target();
      HttpResponse<String> r = buy(shop, "sbx-f", p, firstOptions(p), null);
      assertEquals(303, r.statusCode(), r.body());
      String done = r.headers().firstValue("Location").orElseThrow();
      assertTrue(done.startsWith("/s/sbx-f/done?a="), done);
      HttpResponse<String> page = ShopFixture.get(shop.baseUrl() + done);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("agentq-reward"), page.body());
      assertTrue(site.orders().isEmpty());
      assertTrue(site.requests().isEmpty(), "a sandbox buy is not a request to the live shop");
      assertTrue(shop.purchase("sbx-f").isEmpty());
    }
  }
}
