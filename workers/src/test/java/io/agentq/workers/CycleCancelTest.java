package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.workers.commands.CycleCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cycle cancel`, from another process, stops a running cycle before its next episode: the cycle
 * ends cancelled (exit code 5, status says where), and `cycle resume` continues it to the end.
 */
class CycleCancelTest {
  @TempDir Path dir;

  static long collected(Path home) {
    Path episodes = home.resolve("s3/agentq/episodes");
    if (!Files.isDirectory(episodes)) {
      return 0;
    }
    try (Stream<Path> all = Files.list(episodes)) {
      return all.filter(
              p ->
                  p.getFileName().toString().startsWith("cx-collect-")
                      && Files.exists(p.resolve("manifest.json")))
          .count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  @Test
  void cancelStopsACycleAndResumeContinuesIt() throws Exception {
    SmallShop shop = SmallShop.in(dir);
    Path home = dir.resolve("home");
    shop.trainBase(home);
    List<String> start =
        shop.args(
            List.of(
                "cycle",
                "start",
                "--id",
                "cx",
                "--budget",
                "600",
                "--window",
                "1",
                "--iterations",
                "3",
                "--k",
                "2",
                "--epochs",
                "2",
                "--dev-tasks",
                "4",
                "--heldout-tasks",
                "6",
                "--heldout-search-tasks",
                "2"));
    try (Child running = Child.start(home, home.resolve("start.log"), start)) {
      assertTrue(
          running.awaitThat(() -> collected(home) >= 1, 600),
          "no episode was collected: " + running.output());
      try (Child cancel =
          Child.start(home, home.resolve("cancel.log"), List.of("cycle", "cancel", "cx"))) {
        assertEquals(0, cancel.exitCode(300), cancel.output());
        assertTrue(cancel.output().contains("cancel requested"), cancel.output());
      }
      assertEquals(CycleCommand.CANCELLED, running.exitCode(600), running.output());
    }
    JsonNode r = TrainingRoundTest.stored(home, "cycles/cx/cycle.json").get("data");
    assertEquals("cancelled", r.at("/steps/0/status").asText(), r.toString());
    assertEquals("pending", r.at("/steps/2/status").asText(), "no training after the cancel");
    assertTrue(r.get("round").isNull(), r.toString());
    // A cluster's UI finds it cancelled: its archived history ends with that outcome.
    List<Path> runs;
    try (Stream<Path> files = Files.list(home.resolve("s3/agentq/cycles/cx/history"))) {
      runs = files.toList();
    }
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("cancelled", CycleTest.searchAttributes(runs.get(0)).get("AgentqOutcome"));
    try (Child status =
        Child.start(home, home.resolve("status.log"), List.of("cycle", "status", "cx"))) {
      assertEquals(CycleCommand.CANCELLED, status.exitCode(300), status.output());
      assertTrue(status.output().contains("cancelled"), status.output());
    }

    try (Child resume =
        Child.start(
            home, home.resolve("resume.log"), shop.args(List.of("cycle", "resume", "cx")))) {
      assertEquals(0, resume.exitCode(900), resume.output());
    }
    r = TrainingRoundTest.stored(home, "cycles/cx/cycle.json").get("data");
    r.get("steps").forEach(s -> assertEquals("done", s.get("status").asText(), s.toString()));
  }
}
