package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Order;
import io.agentq.environments.shop.OrderLookup;
import io.agentq.environments.shop.RequestLogEntry;
import io.agentq.environments.shop.ShopSite;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An irreversible action is never done twice, across processes: the shop runs as its own process
 * with its orders in a database file, searched episodes run in other processes, and processes are
 * killed with SIGKILL at the moments that matter. Each test ends by reading the shop's records
 * directly: one order, and one Buy Now request under the episode's key where only one may be sent;
 * and by reading every artifact of the episode back from the store on disk.
 */
class ExactlyOnceAcrossProcessesTest {
  /** A task of the test shop whose search ends in a purchase (checked by every test). */
  static final int TASK = 2;

  @TempDir static Path dir;
  static Path catalog;
  static Path goals;

  @BeforeAll
  static void shopData() {
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    catalog = dir.resolve("shop/catalog.json");
    goals = dir.resolve("shop/goals.jsonl");
  }

  /** The shop as its own process on {@code port}, its records in {@code db}. */
  static Child site(Path home, Path db, int port, String log, String... faults)
      throws InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "shop",
                "--port",
                Integer.toString(port),
                "--db",
                db.toString(),
                "--catalog",
                catalog.toString(),
                "--goals",
                goals.toString()));
    args.addAll(List.of(faults));
    Child c = Child.start(home, home.resolve(log), args);
    assertTrue(
        c.awaitThat(() -> c.output().contains("The shop is at"), 60),
        "the shop did not start: " + c.output());
    return c;
  }

  /** A searched episode as its own process, reaching the shop at {@code url}. */
  static Child episode(Path home, String url, String runId, String log, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "episode",
                "--task",
                Integer.toString(TASK),
                "--search",
                "mcts",
                "--driver",
                "http",
                "--iterations",
                "3",
                "--k",
                "3",
                "--run-id",
                runId,
                "--site",
                url,
                "--catalog",
                catalog.toString(),
                "--goals",
                goals.toString(),
                "--json"));
    args.addAll(List.of(more));
    return Child.start(home, home.resolve(log), args);
  }

  static String key(String runId) {
    return runId + "-t" + TASK + ":irreversible:1";
  }

  static List<Order> orders(ShopSite site, String runId) {
    return site.orders().stream().filter(o -> o.episode().equals(runId + "-t" + TASK)).toList();
  }

  static List<RequestLogEntry> requests(ShopSite site, String key) {
    return site.requests().stream().filter(r -> key.equals(r.key())).toList();
  }

  static boolean taken(ShopSite site, String key) {
    try {
      return site.lookup(key).state() == OrderLookup.State.TAKEN;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Every artifact of the finished episode, read back from the store's files; the manifest. */
  static JsonNode artifactsOf(Path home, String runId) throws IOException {
    Path episode = home.resolve("s3/agentq/episodes/" + runId + "-t" + TASK);
    JsonNode manifest = Json.MAPPER.readTree(episode.resolve("manifest.json").toFile());
    JsonNode tree = Json.MAPPER.readTree(episode.resolve("tree.json").toFile());
    assertEquals(
        manifest.at("/data/summary/nodes").asInt(), tree.at("/data/nodes").size(), "tree.json");
    JsonNode trajectory = Json.MAPPER.readTree(episode.resolve("trajectory.json").toFile());
    assertEquals(manifest.at("/data/summary/steps").asInt(), trajectory.at("/data/steps").size());
    List<String> pairs = Files.readAllLines(episode.resolve("pairs.jsonl"));
    assertEquals(manifest.at("/data/pairs").asInt(), pairs.size());
    for (String line : pairs) {
      Json.MAPPER.readTree(line);
    }
    return manifest;
  }

  /** The episode's JSON result, printed after the logs. */
  static JsonNode result(Child c) throws IOException {
    String out = c.output();
    int at = out.indexOf("{\n  \"episodeId\"");
    if (at < 0) {
      throw new AssertionError("no JSON result in: " + out);
    }
    return Json.MAPPER.readTree(out.substring(at));
  }

  /**
   * (a) The episode's process is killed after the shop recorded the order and before the commit
   * activity heard back (the shop answers late); the same command again, in a new process, asks the
   * shop by key, adopts the order, and sends nothing. (d) A third run, in yet another process,
   * reads the finished episode back and touches nothing.
   */
  @Test
  void killedAfterTheOrderThenRerunAdoptsItAndAFinishedEpisodeIsReadBack() throws Exception {
    Path home = dir.resolve("a");
    int port = AgentqStack.freePort();
    String url = "http://127.0.0.1:" + port;
    ShopSite shop = new ShopSite(url);
    String run = "kill-after-order";
    try (Child site =
            site(home, home.resolve("orders.db"), port, "site.log", "--reply-delay-ms", "8000");
        Child first = episode(home, url, run, "first.log")) {
      assertTrue(first.awaitThat(() -> taken(shop, key(run)), 240), "no order: " + first.output());
      first.kill();
      assertEquals(1, requests(shop, key(run)).size(), "the first run sent one Buy Now");

      try (Child again = episode(home, url, run, "again.log")) {
        assertEquals(0, again.exitCode(240), again.output());
        assertEquals(1, orders(shop, run).size(), "one order");
        assertEquals(
            1, requests(shop, key(run)).size(), "the rerun asked by key and sent no Buy Now");
        JsonNode manifest = artifactsOf(home, run);
        assertTrue(manifest.at("/data/irreversible/0/adopted").asBoolean(), "adopted");
        assertEquals(key(run), manifest.at("/data/irreversible/0/key").asText());
        assertEquals(
            orders(shop, run).get(0).reward(), result(again).get("score").asDouble(), 1e-12);
      }
      byte[] manifestBefore =
          Files.readAllBytes(
              home.resolve("s3/agentq/episodes/" + run + "-t" + TASK + "/manifest.json"));
      int requestsBefore = shop.requests().size();
      try (Child third = episode(home, url, run, "third.log")) {
        assertEquals(0, third.exitCode(240), third.output());
      }
      assertEquals(requestsBefore, shop.requests().size(), "a finished episode sends nothing");
      assertEquals(1, orders(shop, run).size());
      assertTrue(
          java.util.Arrays.equals(
              manifestBefore,
              Files.readAllBytes(
                  home.resolve("s3/agentq/episodes/" + run + "-t" + TASK + "/manifest.json"))),
          "the manifest is read back, never rewritten");
    }
  }

  /**
   * (e) The shop's process is killed after it recorded the order and before it answered, then
   * started again on the same database: the episode's commit fails, its lookups fail until the shop
   * is back, then find the order, and the episode adopts it.
   */
  @Test
  void shopRestartedBetweenTheOrderAndTheLookup() throws Exception {
    Path home = dir.resolve("e");
    int port = AgentqStack.freePort();
    String url = "http://127.0.0.1:" + port;
    ShopSite shop = new ShopSite(url);
    String run = "site-restart";
    Path db = home.resolve("orders.db");
    Child site = site(home, db, port, "site1.log", "--reply-delay-ms", "8000");
    try (Child ep = episode(home, url, run, "episode.log")) {
      assertTrue(ep.awaitThat(() -> taken(shop, key(run)), 240), "no order: " + ep.output());
      site.kill();
      Thread.sleep(1500);
      assertTrue(ep.alive(), "the episode waits for the shop: " + ep.output());
      site = site(home, db, port, "site2.log");
      assertEquals(0, ep.exitCode(240), ep.output());
      assertEquals(1, orders(shop, run).size(), "one order");
      assertEquals(1, requests(shop, key(run)).size(), "one Buy Now request");
      JsonNode manifest = artifactsOf(home, run);
      assertTrue(manifest.at("/data/irreversible/0/adopted").asBoolean(), "adopted");
    } finally {
      site.close();
    }
  }

  /**
   * (c) The same episode started twice at the same time with the same run id, in two processes
   * sharing one home: their commits meet at the shop (it is slow), one order is made, and both runs
   * report it.
   */
  @Test
  void oneEpisodeStartedTwiceAtOnceMakesOneOrder() throws Exception {
    Path home = dir.resolve("c");
    int port = AgentqStack.freePort();
    String url = "http://127.0.0.1:" + port;
    ShopSite shop = new ShopSite(url);
    String run = "twice";
    try (Child site =
            site(home, home.resolve("orders.db"), port, "site.log", "--commit-delay-ms", "3000");
        Child one = episode(home, url, run, "one.log");
        Child two = episode(home, url, run, "two.log")) {
      assertEquals(0, one.exitCode(300), one.output());
      assertEquals(0, two.exitCode(300), two.output());
      List<Order> made = orders(shop, run);
      assertEquals(1, made.size(), "one order");
      assertEquals(made.get(0).reward(), result(one).get("score").asDouble(), 1e-12);
      assertEquals(made.get(0).reward(), result(two).get("score").asDouble(), 1e-12);
      assertTrue(
          requests(shop, key(run)).stream()
                  .filter(r -> r.outcome() == RequestLogEntry.Outcome.CREATED)
                  .count()
              == 1);
      artifactsOf(home, run);
      assertFalse(made.get(0).session().startsWith("sbx-"));
    }
  }
}
