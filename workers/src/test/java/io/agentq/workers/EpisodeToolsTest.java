package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.workers.commands.ReplayCommand;
import io.agentq.workers.runtime.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engineers' tools on one searched episode that bought: `fork` from a purchase-free prefix with
 * another policy (the original untouched, no second order, the purchase step refused as a prefix);
 * `replay` in a fresh sandbox (every page the same on the same site; after the site's pages
 * changed, the first page that differs, with the lines that changed; never an order); and `bundle`
 * (the episode as a zip).
 */
class EpisodeToolsTest {
  @TempDir Path dir;

  @Test
  void forkReplayAndBundleOneEpisode() throws Exception {
    SmallShop shop = SmallShop.in(dir);
    Path home = dir.resolve("home");
    try (Child c =
        Child.start(
            home,
            home.resolve("episode.log"),
            shop.args(
                List.of(
                    "episode",
                    "--task",
                    "2",
                    "--search",
                    "mcts",
                    "--driver",
                    "http",
                    "--run-id",
                    "r1",
                    "--iterations",
                    "3")))) {
      assertEquals(0, c.exitCode(600), c.output());
    }
    Path orders = home.resolve("site/orders.db");
    assertEquals(1, orders(orders), "the episode bought once");

    // Fork from a purchase-free prefix with another policy.
    shop.trainBase(home);
    int ordersBeforeFork = orders(orders);
    Path original = home.resolve("s3/agentq/episodes/r1-t2");
    java.util.Map<String, Long> untouched = new java.util.TreeMap<>();
    for (String f : List.of("manifest.json", "tree.json", "trajectory.json")) {
      untouched.put(f, java.nio.file.Files.getLastModifiedTime(original.resolve(f)).toMillis());
    }
    JsonNode committed =
        Json.MAPPER.readTree(original.resolve("trajectory.json").toFile()).at("/data/steps");
    try (Child c =
        Child.start(
            home,
            home.resolve("fork.log"),
            shop.args(
                List.of(
                    "fork", "r1-t2", "--from-step", "1", "--policy", "v0", "--iterations", "3")))) {
      assertEquals(0, c.exitCode(600), c.output());
      assertTrue(
          c.output().contains("fork r1-t2-fork1-v0 of r1-t2 from step 1 with v0"), c.output());
    }
    JsonNode fork =
        Json.MAPPER
            .readTree(home.resolve("s3/agentq/episodes/r1-t2-fork1-v0/trajectory.json").toFile())
            .at("/data/steps");
    assertEquals(
        committed.get(0).get("command").asText(),
        fork.get(0).get("command").asText(),
        "the fork reuses the original's first step");
    JsonNode forkRequest =
        Json.MAPPER
            .readTree(home.resolve("s3/agentq/episodes/r1-t2-fork1-v0/request.json").toFile())
            .get("data");
    assertEquals("v0", forkRequest.at("/agents/policy").asText());
    assertEquals(ordersBeforeFork, orders(orders), "a fork of an episode that bought never orders");
    for (var e : untouched.entrySet()) {
      assertEquals(
          e.getValue(),
          java.nio.file.Files.getLastModifiedTime(original.resolve(e.getKey())).toMillis(),
          "the original's " + e.getKey() + " is untouched");
    }
    int bought = committed.size(); // the last committed step is the purchase
    try (Child c =
        Child.start(
            home,
            home.resolve("fork-purchase.log"),
            shop.args(List.of("fork", "r1-t2", "--from-step", Integer.toString(bought))))) {
      assertEquals(2, c.exitCode(300), c.output());
      assertTrue(c.output().contains("is irreversible"), c.output());
    }

    try (Child c =
        Child.start(home, home.resolve("same.log"), shop.args(List.of("replay", "r1-t2")))) {
      assertEquals(0, c.exitCode(300), c.output());
      assertTrue(c.output().contains("every page is the one the agent saw"), c.output());
    }

    // The site changes: every product gets another name.
    ArrayNode catalog = (ArrayNode) Json.MAPPER.readTree(dir.resolve("shop/catalog.json").toFile());
    catalog.forEach(p -> ((ObjectNode) p).put("name", "Renamed " + p.path("name").asText()));
    Path changed = dir.resolve("changed.json");
    Json.MAPPER.writeValue(changed.toFile(), catalog);
    List<String> args =
        List.of(
            "replay",
            "r1-t2",
            "--catalog",
            changed.toString(),
            "--goals",
            dir.resolve("shop/goals.jsonl").toString());
    try (Child c = Child.start(home, home.resolve("changed.log"), args)) {
      assertEquals(ReplayCommand.DIFFERS, c.exitCode(300), c.output());
      String out = c.output();
      assertTrue(out.contains("the page differs at step 1 (node"), out);
      assertTrue(
          out.contains("after TYPE ["), "the search's results are the first to differ: " + out);
      assertTrue(out.contains("+ ") && out.contains("Renamed "), out);
    }
    assertEquals(1, orders(orders), "a replay never places an order");

    // The episode as a portable bundle.
    Path zip = dir.resolve("r1-t2.zip");
    try (Child c =
        Child.start(
            home,
            home.resolve("bundle.log"),
            List.of("bundle", "r1-t2", "--out", zip.toString()))) {
      assertEquals(0, c.exitCode(300), c.output());
    }
    java.util.Set<String> names = new java.util.TreeSet<>();
    try (var z = new java.util.zip.ZipFile(zip.toFile())) {
      z.stream().forEach(e -> names.add(e.getName()));
    }
    for (String f :
        List.of("tree.json", "trajectory.json", "request.json", "manifest.json", "pairs.jsonl")) {
      assertTrue(names.contains("r1-t2/" + f), f + " in " + names);
    }
    assertTrue(names.stream().anyMatch(n -> n.startsWith("r1-t2/obs/")), "pages: " + names);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("r1-t2/history/")), "history: " + names);
  }

  /** The orders the shop's database holds, read directly. */
  static int orders(Path db) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM orders")) {
      return r.getInt(1);
    }
  }
}
