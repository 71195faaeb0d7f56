package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.CommandLineTest.Run;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentq train-critic end to end on a tiny generated shop, in-process: searched episodes on train
 * tasks, a critic trained on their trees and stored as c0, a rerun that searches and trains nothing
 * again, and a search that uses the critic by name.
 */
class TrainCriticTest {
  @TempDir static Path dir;
  static Path home;
  static String catalog;
  static String goals;

  @BeforeAll
  static void shop() {
    home = dir.resolve("home");
    System.setProperty("agentq.home", home.toString());
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    catalog = dir.resolve("shop/catalog.json").toString();
    goals = dir.resolve("shop/goals.jsonl").toString();
  }

  static List<String> trainCritic(String... more) {
    List<String> args = trainCriticOn("8");
    args.addAll(List.of(more));
    return args;
  }

  static List<String> trainCriticOn(String tasks) {
    return new ArrayList<>(
        List.of(
            "train-critic",
            "--tasks",
            tasks,
            "--epochs",
            "5",
            "--validation",
            "0.25",
            "--catalog",
            catalog,
            "--goals",
            goals));
  }

  static JsonNode stored(String key) throws IOException {
    return Json.MAPPER.readTree(home.resolve("s3/agentq/" + key).toFile()).get("data");
  }

  @Test
  void searchesTrainsStoresAndIsUsedByName() throws IOException {
    Run first = run(trainCritic().toArray(String[]::new));
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(first.out().contains("trees: 8 searched episodes on 8 train tasks"), first.out());
    ShopData data = ShopData.load(Path.of(catalog), Path.of(goals));
    int train = data.goals(TaskSplit.TRAIN).size();
    assertTrue(
        first
            .out()
            .contains(
                "tasks: a seeded sample of 8 of the split's "
                    + train
                    + " tasks, stratified by product category (sample seed 1)"),
        first.out());
    assertTrue(first.out().contains("alpha = 1: no critic"), first.out());
    assertTrue(first.out().contains("critic c0: mlp("), first.out());
    assertTrue(first.out().contains("stored as critics/c0"), first.out());
    Matcher examples = Pattern.compile("examples: (\\d+) for training").matcher(first.out());
    assertTrue(examples.find(), first.out());
    assertTrue(Integer.parseInt(examples.group(1)) > 0, first.out());

    JsonNode c0 = stored("critics/c0/manifest.json");
    assertEquals("critic-trees-zero-shot", c0.get("runId").asText());
    assertEquals("zero-shot", c0.get("policy").asText());
    assertTrue(c0.get("budget").asText().contains("alpha=1.00"), c0.toString());
    assertEquals(8, c0.get("data").size(), "lineage: the keys of the 8 trees");
    long interactions = 0;
    List<Integer> searchedTasks = new ArrayList<>();
    for (JsonNode key : c0.get("data")) {
      String episode = key.asText().replace("/tree.json", "");
      assertTrue(episode.startsWith("episodes/critic-trees-zero-shot-t"), episode);
      searchedTasks.add(
          Integer.parseInt(episode.substring("episodes/critic-trees-zero-shot-t".length())));
      interactions += stored(episode + "/manifest.json").at("/summary/interactions").asLong();
    }
    assertTrue(interactions > 0);
    // The trees are of the train split's sample: its first 8 tasks, of 8 product types.
    List<Goal> sampled = data.sample(TaskSplit.TRAIN).subList(0, 8);
    assertEquals(sampled.stream().map(Goal::index).toList(), searchedTasks);
    assertEquals(8, sampled.stream().map(data::category).distinct().count());
    assertEquals(interactions, c0.get("interactions").asLong(), "the trees' cost, summed");
    assertTrue(
        first.out().contains(String.format("%,d environment interactions", interactions)),
        first.out());
    assertEquals(c0.get("examples").asInt(), Integer.parseInt(examples.group(1)));

    // Again with the same options: episodes read back, nothing trained again.
    Path tree = home.resolve("s3/agentq/" + c0.get("data").get(0).asText());
    FileTime written = Files.getLastModifiedTime(tree);
    Run again = run(trainCritic().toArray(String[]::new));
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(
        again.out().contains("critic c0 was trained on these trees as asked before"), again.out());
    assertEquals(written, Files.getLastModifiedTime(tree), "the finished episode was read back");
    assertFalse(Files.exists(home.resolve("s3/agentq/critics/c1/manifest.json")));

    // Other training options make the next version, on the same trees.
    Run wider = run(trainCritic("--hidden", "16").toArray(String[]::new));
    assertEquals(0, wider.code(), wider.out() + wider.err());
    assertTrue(wider.out().contains("critic c1: mlp("), wider.out());

    // A search that names the critic runs with it.
    Run eval =
        run(
            "eval",
            "--search",
            "mcts",
            "--critic",
            "critic:c0",
            "--split",
            "dev",
            "--limit",
            "2",
            "--iterations",
            "3",
            "--run-id",
            "with-c0",
            "--catalog",
            catalog,
            "--goals",
            goals);
    assertEquals(0, eval.code(), eval.out() + eval.err());
    assertTrue(eval.out().contains("critic critic:c0"), eval.out());
    assertEquals(
        "critic:c0",
        stored("episodes/with-c0-t" + firstDevTask(eval) + "/request.json")
            .at("/agents/critic")
            .asText());

    assertOneLineError(
        run(
            "eval",
            "--search",
            "mcts",
            "--critic",
            "critic:c7",
            "--limit",
            "1",
            "--catalog",
            catalog,
            "--goals",
            goals),
        "--critic critic:c7: critic c7 is not in",
        "(stored: c0, c1)");
    assertOneLineError(
        run(
            "eval",
            "--search",
            "mcts",
            "--critic",
            "oracle",
            "--limit",
            "1",
            "--catalog",
            catalog,
            "--goals",
            goals),
        "--critic: unknown critic 'oracle'");
  }

  /** The first dev task's id, read off the episode ids of a run's store. */
  static String firstDevTask(Run eval) throws IOException {
    try (var s = Files.list(home.resolve("s3/agentq/episodes"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("with-c0-t"))
          .map(n -> n.substring("with-c0-t".length()))
          .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no episode of run with-c0: " + eval.out()));
    }
  }

  @Test
  void badOptionsAreOneLineErrors() {
    assertOneLineError(
        run(trainCriticOn("0").toArray(String[]::new)), "--tasks, --epochs, --lr and --threads");
    assertOneLineError(run(trainCritic("--hidden", "0").toArray(String[]::new)), "--hidden");
    assertOneLineError(
        run(trainCritic("--least-gap", "2").toArray(String[]::new)),
        "--least-gap must be in [0, 1]");
    assertOneLineError(
        run(trainCriticOn("100000").toArray(String[]::new)), "--tasks 100000: the train split has");
    assertOneLineError(
        run(trainCritic("--policy", "latest").toArray(String[]::new)),
        "policy version 'latest' is not a version like v0");
  }
}
