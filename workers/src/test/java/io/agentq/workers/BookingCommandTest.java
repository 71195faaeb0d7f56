package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.workers.CommandLineTest.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --env booking} on the command line: a real browser, its own tasks, one-line refusals. */
class BookingCommandTest {
  @TempDir static Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("agentq.home", dir.resolve("home").toString());
  }

  @Test
  void theHttpDriverRefusesTheBookingSiteInOneLine() {
    Run r = run("eval", "--env", "booking", "--driver", "http", "--limit", "1", "--run-id", "h");
    assertOneLineError(
        r, "renders its controls with JavaScript", "the http driver cannot run it", "playwright");
  }

  @Test
  void aCommandWithoutBookingSaysSoInOneLine() {
    Run r = run("expert", "--env", "booking", "--limit", "1");
    assertOneLineError(r, "--env booking", "shop only");
  }

  @Test
  void theBookingLadderRefusesACriticThatReadsTheShopsPagesInOneLine() {
    Run r = run("ladder", "--env", "booking", "--id", "x", "--critic", "learned");
    assertOneLineError(r, "--env booking --critic learned", "use base");
  }

  @Test
  void evalRunsOnTheBookingSitesHeldOutSampleInABrowser() throws Exception {
    Run r = run("eval", "--env", "booking", "--limit", "2", "--max-steps", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertEquals("booking", out.get("environment").asText());
    assertEquals("playwright", out.get("driver").asText());
    assertEquals(2, out.get("tasks").asInt());
    assertEquals(230, out.get("sample").get("of").asInt(), "the held-out split's 230 tasks");
    assertTrue(out.get("sample").get("stratifiedBy").asText().contains("bookable"), out.toString());
    for (JsonNode e : out.get("episodes")) {
      assertTrue(e.get("steps").size() <= 3, e.toString());
      assertTrue(e.get("instruction").asText().length() > 20, e.toString());
    }
  }

  @Test
  void severalRunsOfTheSameTasksGivePassKForBookableAndUnbookableApart() throws Exception {
    Run r =
        run(
            "eval",
            "--env",
            "booking",
            "--limit",
            "3",
            "--max-steps",
            "2",
            "--runs",
            "2",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertEquals(2, out.get("runs").asInt());
    assertEquals(2, out.get("each").size());
    JsonNode all = out.get("passK").get("all");
    assertEquals(3, all.get("tasks").asInt());
    // pass^1 is the success rate over every run of every task; pass^2 counts a task only when
    // both of its runs succeeded.
    int[] successes = new int[3];
    double rate = 0;
    for (JsonNode each : out.get("each")) {
      for (int i = 0; i < 3; i++) {
        successes[i] += each.get("episodes").get(i).get("success").asBoolean() ? 1 : 0;
      }
      rate += each.get("successRate").asDouble() / 2;
    }
    assertEquals(rate, all.get("pass^1").asDouble(), 1e-12);
    double both = 0;
    for (int c : successes) {
      both += c == 2 ? 1.0 / 3 : 0;
    }
    assertEquals(both, all.get("pass^2").asDouble(), 1e-12);
    int split = 0;
    for (String kind : List.of("bookable", "unbookable")) {
      if (out.get("passK").has(kind)) {
        split += out.get("passK").get(kind).get("tasks").asInt();
      }
    }
    assertEquals(3, split, "every task is bookable or unbookable: " + out.get("passK"));
  }
}
