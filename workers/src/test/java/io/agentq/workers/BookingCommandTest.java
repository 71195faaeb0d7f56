package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.workers.CommandLineTest.Run;
import java.nio.file.Path;
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
}
