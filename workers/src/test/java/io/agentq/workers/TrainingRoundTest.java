package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
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
 * The training round workflow end to end, as the base policy's command runs it: demonstrations,
 * training on the trainer queue, a dev evaluation, a report and a promotion; and a worker killed
 * with SIGKILL in the middle of training, whose round, started again, finishes from its last saved
 * epoch with exactly what an unbroken round computes.
 */
class TrainingRoundTest {
  @TempDir static Path dir;
  static Path catalog;
  static Path goals;

  @BeforeAll
  static void shopData() {
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    catalog = dir.resolve("shop/catalog.json");
    goals = dir.resolve("shop/goals.jsonl");
  }

  static List<String> trainBase(String roundId, int epochs) {
    return new ArrayList<>(
        List.of(
            "train-base",
            "--round-id",
            roundId,
            "--demos",
            "12",
            "--epochs",
            Integer.toString(epochs),
            "--dev-tasks",
            "4",
            "--catalog",
            catalog.toString(),
            "--goals",
            goals.toString()));
  }

  static JsonNode stored(Path home, String key) throws IOException {
    return Json.MAPPER.readTree(home.resolve("s3/agentq/" + key).toFile());
  }

  static int savedEpoch(Path home, String roundId) {
    Path latest = home.resolve("s3/agentq/rounds/" + roundId + "/training/latest.json");
    try {
      return Files.exists(latest)
          ? Json.MAPPER.readTree(latest.toFile()).at("/data/epoch").asInt()
          : 0;
    } catch (IOException partlyWritten) {
      return 0;
    }
  }

  /** The task ids of the {@code t{task}.json} files under a store prefix, sorted. */
  static List<Integer> tasksUnder(Path home, String prefix) throws IOException {
    try (var files = Files.list(home.resolve("s3/agentq").resolve(prefix))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("t\\d+\\.json"))
          .map(n -> Integer.parseInt(n.substring(1, n.length() - ".json".length())))
          .sorted()
          .toList();
    }
  }

  static List<Integer> sortedFirst(List<Goal> sample, int n) {
    return sample.subList(0, n).stream().map(Goal::index).sorted().toList();
  }

  @Test
  void aWorkerKilledInTheMiddleOfTrainingResumesFromItsLastSavedEpoch() throws Exception {
    int epochs = 60;
    Path whole = dir.resolve("whole");
    try (Child c = Child.start(whole, whole.resolve("run.log"), trainBase("r1", epochs))) {
      assertEquals(0, c.exitCode(600), c.output());
      assertTrue(c.output().contains("promoted: true"), c.output());
    }
    // Demonstrations were tried on the first tasks of the train split's stratified sample, and
    // the dev evaluation ran on the first 4 of the dev split's.
    ShopData data = ShopData.load(catalog, goals);
    List<Integer> tried = tasksUnder(whole, "datasets/demos");
    assertTrue(tried.size() >= 12, "at least the 12 demonstrations asked: " + tried);
    assertEquals(sortedFirst(data.sample(TaskSplit.TRAIN), tried.size()), tried);
    assertEquals(
        sortedFirst(data.sample(TaskSplit.DEV), 4), tasksUnder(whole, "evals/v0/dev-n4-T12-s1"));

    Path killed = dir.resolve("killed");
    try (Child first = Child.start(killed, killed.resolve("first.log"), trainBase("r1", epochs))) {
      assertTrue(
          first.awaitThat(() -> savedEpoch(killed, "r1") >= 3, 600),
          "training never saved an epoch: " + first.output());
      first.kill();
    }
    int savedAtKill = savedEpoch(killed, "r1");
    assertTrue(
        savedAtKill < epochs, "killed in the middle: epoch " + savedAtKill + " of " + epochs);
    assertTrue(
        !Files.exists(killed.resolve("s3/agentq/policies/v0/manifest.json")),
        "no version was stored before the kill");

    Path firstEpoch = killed.resolve("s3/agentq/rounds/r1/training/epochs/1.bin");
    java.nio.file.attribute.FileTime firstEpochWritten = Files.getLastModifiedTime(firstEpoch);
    Thread.sleep(20); // file times have a millisecond grain at least
    try (Child again = Child.start(killed, killed.resolve("again.log"), trainBase("r1", epochs))) {
      assertEquals(0, again.exitCode(600), again.output());
      assertTrue(
          again.output().contains("resumed after epoch " + savedAtKill),
          "resumed from the last saved epoch: " + again.output());
    }
    assertEquals(
        firstEpochWritten,
        Files.getLastModifiedTime(firstEpoch),
        "the epochs saved before the kill were not trained again");
    JsonNode a = stored(whole, "policies/v0/manifest.json").get("data");
    JsonNode b = stored(killed, "policies/v0/manifest.json").get("data");
    assertEquals(a.get("metrics").size(), b.get("metrics").size());
    for (int e = 0; e < epochs; e++) {
      assertEquals(
          a.at("/metrics/" + e + "/loss").asDouble(),
          b.at("/metrics/" + e + "/loss").asDouble(),
          0.0,
          "epoch " + (e + 1));
    }
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("s3/agentq/policies/v0/weights.bin")),
        Files.readAllBytes(killed.resolve("s3/agentq/policies/v0/weights.bin")),
        "the same final weights, bit for bit");
    assertEquals(
        stored(whole, "rounds/r1/report.json").at("/data/result/dev"),
        stored(killed, "rounds/r1/report.json").at("/data/result/dev"),
        "the same dev evaluation");

    // The promoted version (any stored one, too) evaluates, with and without search, on a catalog
    // and goals given as files.
    String home = System.getProperty("agentq.home");
    System.setProperty("agentq.home", whole.toString());
    try {
      List<String> files = List.of("--catalog", catalog.toString(), "--goals", goals.toString());
      List<String> plain =
          new ArrayList<>(
              List.of(
                  "eval",
                  "--policy",
                  "promoted",
                  "--split",
                  "dev",
                  "--limit",
                  "2",
                  "--driver",
                  "http"));
      plain.addAll(files);
      CommandLineTest.Run r = CommandLineTest.run(plain.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("policy=learned:v0 search=none"), r.out());
      assertTrue(r.out().contains("success by product category"), r.out());
      List<String> searched =
          new ArrayList<>(
              List.of(
                  "eval",
                  "--policy",
                  "promoted",
                  "--search",
                  "mcts",
                  "--iterations",
                  "2",
                  "--k",
                  "2",
                  "--split",
                  "dev",
                  "--limit",
                  "2",
                  "--run-id",
                  "searched-v0"));
      searched.addAll(files);
      r = CommandLineTest.run(searched.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("policy=v0+mcts(critic base-ranking) search=mcts"), r.out());
      assertTrue(r.out().contains("the search backs up: site reward in a sandbox"), r.out());
      r =
          CommandLineTest.run(
              "eval",
              "--policy",
              "v7",
              "--split",
              "dev",
              "--limit",
              "1",
              "--catalog",
              catalog.toString(),
              "--goals",
              goals.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("policy v7 is not in"), r.err());
    } finally {
      if (home == null) {
        System.clearProperty("agentq.home");
      } else {
        System.setProperty("agentq.home", home);
      }
    }
  }
}
