package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Episode;
import io.agentq.core.Policy;
import io.agentq.core.search.IrreversibleAction;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.Order;
import io.agentq.environments.shop.OrderLookup;
import io.agentq.environments.shop.Product;
import io.agentq.environments.shop.RequestLogEntry;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.ShopSite;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An irreversible action is never done twice, in one process: the real workflow, activities, shop
 * (with its order database) and S3 server, with faults put in between them. The shop's records are
 * read directly at the end of each test.
 */
class ExactlyOnceTest {
  @TempDir static Path dir;
  static ShopData data;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static DriverFactory drivers;

  /** One action per node, one iteration per step: the search follows its policy exactly. */
  static final SearchConfig SCRIPTED =
      new SearchConfig(1, 1, 10, 1.0, 0.5, 0.1, 1, SearchConfig.RolloutValue.SUCCESS, 1);

  @BeforeAll
  static void start() {
    new CatalogGenerator(51, 5, 2).write(dir.resolve("shop"));
    data = ShopData.load(dir.resolve("shop/catalog.json"), dir.resolve("shop/goals.jsonl"));
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "test"));
    drivers = new DriverFactory("http");
  }

  @AfterAll
  static void stop() {
    drivers.close();
    s3.close();
  }

  static ShopServer shop(String name, ShopServer.Options options) {
    return ShopServer.start(data, new OpenNlpNounExtractor(), 0, options);
  }

  /**
   * A rig on the shop at {@code site}, with the real browser activities wrapped by {@code browser}.
   */
  static SearchRig rig(ShopSite site, Policy policy, UnaryOperator<EnvironmentActivities> browser) {
    return new SearchRig(artifacts, site, drivers, policy, browser);
  }

  static List<RequestLogEntry> requests(ShopSite site, String key) {
    return site.requests().stream().filter(r -> key.equals(r.key())).toList();
  }

  static List<Order> orders(ShopSite site, String episode) {
    return site.orders().stream().filter(o -> o.episode().equals(episode)).toList();
  }

  static void assertArtifactsReadable(EpisodeArtifacts a) {
    TreeSnapshot tree = artifacts.get(a.treeKey(), TreeSnapshot.class).orElseThrow();
    assertEquals(a.summary().nodes(), tree.nodes().size());
    assertEquals(
        a.summary().steps(),
        artifacts.get(a.trajectoryKey(), Episode.class).orElseThrow().length());
    assertEquals(
        a.pairs(), new String(artifacts.store().get(a.pairsKey()).orElseThrow()).lines().count());
    assertEquals(a, artifacts.get(a.manifestKey(), EpisodeArtifacts.class).orElseThrow());
  }

  /**
   * (b) The shop is slow: the commit's one attempt times out before the order is written. The
   * workflow asks the shop by key (in progress, then taken) and adopts the order that landed late;
   * it never sends Buy Now again.
   */
  @Test
  void commitTimesOutWhileTheShopIsSlowAndTheOrderThatLandsLateIsAdopted() {
    Goal goal = data.goal(1);
    Policy expert = new ScriptedExpert(goal, data.target(goal));
    String id = "slow-commit";
    try (ShopServer shop =
            shop(
                "slow",
                ShopServer.Options.at(dir.resolve("slow.db"))
                    .withCommitDelay(Duration.ofSeconds(5)));
        SearchRig rig = rig(new ShopSite(shop.baseUrl()), expert, UnaryOperator.identity())) {
      ShopSite site = new ShopSite(shop.baseUrl());
      EpisodeArtifacts a =
          rig.run(
              EpisodeRequest.of(id, goal.index(), SCRIPTED)
                  .with(EpisodeRequest.Orchestration.defaults().withTimeouts(60, 2)));
      String key = IrreversibleAction.key(id, 1);
      assertEquals(OrderLookup.State.TAKEN, site.lookup(key).state());
      assertEquals(1, orders(site, id).size(), "one order");
      List<RequestLogEntry> sent = requests(site, key);
      assertEquals(1, sent.size(), "Buy Now was sent once: " + sent);
      assertEquals(RequestLogEntry.Outcome.CREATED, sent.get(0).outcome());
      assertEquals(1, a.irreversible().size());
      assertTrue(a.irreversible().get(0).adopted(), "learned by key after the timeout");
      assertTrue(a.irreversible().get(0).matchesSearch());
      assertEquals(1.0, a.summary().score(), 1e-12, "the expert's purchase scores 1");
      assertEquals(orders(site, id).get(0).reward(), a.summary().score(), 1e-12);
      assertArtifactsReadable(a);
    }
  }

  /**
   * (f) A crash after the order was made and before the workflow heard of it; the episode is then
   * run again from its start (an operator's reset: its checkpoints are gone) by a policy that now
   * prefers another product. The key is the episode and the ordinal, so the order that exists is
   * found, adopted and recorded as differing from the new choice; no second order is made.
   */
  @Test
  void resumedSearchThatPrefersAnotherProductAdoptsTheOrderThatExists() throws Exception {
    Goal goal = data.goal(3);
    Product first = data.target(goal);
    Product other =
        data.catalog().products().stream()
            .filter(p -> !p.asin().equals(first.asin()))
            .filter(p -> p.category().equals(first.category()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no other product of the same category"));
    String id = "reset-other-product";
    String key = IrreversibleAction.key(id, 1);
    CountDownLatch never = new CountDownLatch(1);
    try (ShopServer shop = shop("reset", ShopServer.Options.at(dir.resolve("reset.db")))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      // The first process: its commit reaches the shop, then the worker hangs until it dies.
      try (SearchRig crashing =
          rig(
              site,
              new ScriptedExpert(goal, first),
              real -> new SearchRig.HangAfterCommit(real, never))) {
        crashing.start(EpisodeRequest.of(id, goal.index(), SCRIPTED));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (site.lookup(key).state() != OrderLookup.State.TAKEN) {
          assertTrue(System.nanoTime() < deadline, "the first run never bought");
          Thread.sleep(50);
        }
      }
      assertEquals(first.asin(), site.lookup(key).order().asin());
      // The reset: the new run finds no checkpoint and searches from the start.
      java.nio.file.Files.delete(dir.resolve("s3/test/episodes/" + id + "/checkpoint.json"));

      try (SearchRig again = rig(site, new ScriptedExpert(goal, other), UnaryOperator.identity())) {
        EpisodeArtifacts a = again.run(EpisodeRequest.of(id, goal.index(), SCRIPTED));
        assertEquals(1, orders(site, id).size(), "no second order");
        assertEquals(first.asin(), orders(site, id).get(0).asin());
        assertEquals(1, requests(site, key).size(), "the second run sent no Buy Now");
        IrreversibleAction done = a.irreversible().get(0);
        assertTrue(done.adopted());
        assertFalse(done.matchesSearch(), "the search had chosen " + other.asin());
        assertTrue(done.note().contains(first.asin()), done.note());
        assertEquals(orders(site, id).get(0).reward(), a.summary().score(), 1e-12);
        assertArtifactsReadable(a);
      }
    }
  }

  /**
   * (g) A finished episode started again, in a new process, is read back from its manifest: the
   * workflow runs no browser activity (no search in the sandbox, no lookup, no commit) and returns
   * the manifest it has.
   */
  @Test
  void aFinishedEpisodeStartedAgainIsReadBackAndRunsNoBrowserActivity() {
    Goal goal = data.goal(1);
    Policy expert = new ScriptedExpert(goal, data.target(goal));
    String id = "finished-read-back";
    try (ShopServer shop = shop("finished", ShopServer.Options.at(dir.resolve("finished.db")))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      EpisodeArtifacts first;
      try (SearchRig rig = rig(site, expert, UnaryOperator.identity())) {
        first = rig.run(EpisodeRequest.of(id, goal.index(), SCRIPTED));
      }
      assertEquals(1, orders(site, id).size(), "the first run bought");
      List<String> calls = new CopyOnWriteArrayList<>();
      try (SearchRig again = rig(site, expert, real -> new SearchRig.Recording(real, calls))) {
        assertEquals(first, again.run(EpisodeRequest.of(id, goal.index(), SCRIPTED)));
      }
      assertEquals(List.of(), calls, "a finished episode is read back, never searched again");
      assertEquals(1, orders(site, id).size());
    }
  }
}
