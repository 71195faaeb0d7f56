package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.workers.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded schedule: `schedule run` fires a cycle from a cron expression and skips the firings
 * that come while that cycle still runs, saying so and keeping a record of each skip.
 */
class ScheduleRunTest {
  @TempDir Path dir;

  @Test
  void firesACycleFromCronAndSkipsFiringsWhileItRuns() throws Exception {
    SmallShop shop = SmallShop.in(dir);
    Path home = dir.resolve("home");
    shop.trainBase(home);
    List<String> args =
        shop.args(
            List.of(
                "schedule",
                "run",
                "--name",
                "t",
                "--cron",
                "*/3 * * * * ?",
                "--max-firings",
                "3",
                "--budget",
                "150",
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
    try (Child c = Child.start(home, home.resolve("schedule.log"), args)) {
      assertEquals(0, c.exitCode(900), c.output());
      String out = c.output();
      assertTrue(out.contains("embedded (the SDK's test server has no Schedules)"), out);
      assertEquals(1, out.split("cycle t-\\d{8}T\\d{6}Z started", -1).length - 1, out);
      assertEquals(2, out.split("skipped the firing of", -1).length - 1, out);
    }
    Path store = home.resolve("s3/agentq");
    try (Stream<Path> skips = Files.list(store.resolve("schedules/t/skipped"))) {
      assertEquals(2, skips.count());
    }
    try (Stream<Path> cycles = Files.list(store.resolve("cycles"))) {
      List<Path> ids = cycles.toList();
      assertEquals(1, ids.size(), ids.toString());
      JsonNode r = Json.MAPPER.readTree(ids.get(0).resolve("cycle.json").toFile()).get("data");
      assertTrue(r.at("/request/cycleId").asText().startsWith("t-"), r.toString());
      r.get("steps").forEach(s -> assertEquals("done", s.get("status").asText(), s.toString()));
    }
  }
}
