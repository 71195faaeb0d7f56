package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle's process killed with SIGKILL during collection, and again during training: the same
 * cycle started again each time finishes with no episode or epoch run twice (their files are never
 * rewritten) and with exactly the version, dev and held-out numbers and promotion of the same cycle
 * run without interruption from the same base.
 */
class CycleResumeTest {
  @TempDir static Path dir;
  static Path base;
  static SmallShop shop;

  @BeforeAll
  static void base() throws Exception {
    shop = SmallShop.in(dir);
    base = dir.resolve("base");
    shop.trainBase(base);
  }

  static List<String> start() {
    return shop.args(
        List.of(
            "cycle",
            "start",
            "--id",
            "c1",
            "--budget",
            "400",
            "--window",
            "1",
            "--iterations",
            "3",
            "--k",
            "2",
            "--epochs",
            "40",
            "--lr",
            "1e-4",
            "--dev-tasks",
            "4",
            "--heldout-tasks",
            "6",
            "--heldout-search-tasks",
            "2"));
  }

  /** A copy of the base's home: its store, its shop's orders. */
  static Path copyOfBase(String name) throws IOException {
    Path to = dir.resolve(name);
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(base.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** When each finished episode's manifest was written, by key. */
  static Map<String, FileTime> manifests(Path home) {
    Map<String, FileTime> out = new TreeMap<>();
    Path episodes = home.resolve("s3/agentq/episodes");
    if (!Files.isDirectory(episodes)) {
      return out;
    }
    // One level down, never a walk into directories the running process is writing (its
    // temporary files come and go); a manifest is written last and never rewritten.
    try (Stream<Path> dirs = Files.list(episodes)) {
      for (Path dir : dirs.toList()) {
        Path manifest = dir.resolve("manifest.json");
        try {
          out.put(episodes.relativize(manifest).toString(), Files.getLastModifiedTime(manifest));
        } catch (NoSuchFileException notYet) {
          // an episode still running
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static long collected(Path home) {
    return manifests(home).keySet().stream().filter(k -> k.startsWith("c1-collect-")).count();
  }

  static JsonNode record(Path home) throws IOException {
    return TrainingRoundTest.stored(home, "cycles/c1/cycle.json").get("data");
  }

  /** What a cycle computed, without its timings. */
  static String outcome(JsonNode r) {
    return String.join(
        "\n",
        r.get("collected").toString(),
        r.get("pairs").toString(),
        r.at("/round/version").asText(),
        r.at("/round/dev").toString(),
        r.at("/round/currentDev").toString(),
        r.get("evaluated").toString(),
        r.get("promoted").toString());
  }

  @Test
  void killedDuringCollectionAndTrainingTheSameCycleFinishesAsAnUnbrokenOne() throws Exception {
    Path whole = copyOfBase("whole");
    try (Child c = Child.start(whole, whole.resolve("run.log"), start())) {
      assertEquals(0, c.exitCode(900), c.output());
    }
    assertTrue(
        record(whole).at("/collected/episodes").asInt() >= 3,
        "collection should take several episodes: " + record(whole));

    Path killed = copyOfBase("killed");
    try (Child first = Child.start(killed, killed.resolve("first.log"), start())) {
      assertTrue(
          first.awaitThat(() -> collected(killed) >= 2, 600),
          "collection never finished two episodes: " + first.output());
      first.kill();
    }
    Map<String, FileTime> beforeKill = manifests(killed);
    assertTrue(
        record(killed).at("/steps/0/status").asText().equals("running"),
        "killed during collection: " + record(killed));

    try (Child second = Child.start(killed, killed.resolve("second.log"), start())) {
      assertTrue(
          second.awaitThat(() -> TrainingRoundTest.savedEpoch(killed, "cycle-c1") >= 3, 900),
          "training never saved an epoch: " + second.output());
      second.kill();
    }
    int savedAtKill = TrainingRoundTest.savedEpoch(killed, "cycle-c1");
    assertTrue(savedAtKill < 40, "killed in the middle of training: epoch " + savedAtKill);
    Path firstEpoch = killed.resolve("s3/agentq/rounds/cycle-c1/training/epochs/1.bin");
    FileTime firstEpochWritten = Files.getLastModifiedTime(firstEpoch);
    Map<String, FileTime> beforeSecondKill = manifests(killed);

    try (Child third = Child.start(killed, killed.resolve("third.log"), start())) {
      assertEquals(0, third.exitCode(900), third.output());
      assertTrue(third.output().contains("cached"), "collect and pairs read back");
    }
    JsonNode r = record(killed);
    assertEquals("cached", r.at("/steps/0/status").asText(), r.toString());
    assertEquals("cached", r.at("/steps/1/status").asText(), r.toString());
    assertEquals(outcome(record(whole)), outcome(r));

    Map<String, FileTime> after = manifests(killed);
    beforeKill.forEach((k, t) -> assertEquals(t, after.get(k), "episode run twice: " + k));
    beforeSecondKill.forEach((k, t) -> assertEquals(t, after.get(k), "episode run twice: " + k));
    assertEquals(firstEpochWritten, Files.getLastModifiedTime(firstEpoch), "epoch 1 run twice");
    assertTrue(
        r.at("/round/resumedAfterEpoch").asInt() >= 3,
        "training resumed from its saved epoch: " + r.get("round"));
    List<String> leftovers = new ArrayList<>(after.keySet());
    leftovers.removeAll(manifests(whole).keySet());
    assertTrue(leftovers.isEmpty(), "episodes the unbroken cycle did not run: " + leftovers);
  }
}
