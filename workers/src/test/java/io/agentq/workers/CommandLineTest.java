package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: bad input ends in one line naming the problem and exit 2; runs print results.
 */
class CommandLineTest {
  @TempDir static Path dir;
  static String catalog;
  static String goals;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void shop() {
    System.setProperty("agentq.home", dir.resolve("home").toString());
    new CatalogGenerator(5, 4, 2).write(dir);
    catalog = dir.resolve("catalog.json").toString();
    goals = dir.resolve("goals.jsonl").toString();
  }

  static synchronized Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  static void assertOneLineError(Run r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("agentq: error: "), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), err);
    }
  }

  @Test
  void unknownTaskId() {
    Run r =
        run(
            "episode",
            "--task",
            "99999",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http");
    assertOneLineError(r, "--task: unknown task id 99999", "ids 0 to");
  }

  @Test
  void malformedCatalog() throws IOException {
    Path bad = dir.resolve("bad-catalog.json");
    Files.writeString(bad, "[{\"asin\": \"B1\", \"name\": ");
    Run r =
        run(
            "eval",
            "--catalog",
            bad.toString(),
            "--goals",
            goals,
            "--driver",
            "http",
            "--limit",
            "1");
    assertOneLineError(r, "catalog " + bad, "not valid JSON");
  }

  @Test
  void malformedGoals() throws IOException {
    Path bad = dir.resolve("bad-goals.jsonl");
    Files.writeString(
        bad,
        Files.readAllLines(Path.of(goals)).get(0)
            + "\n{\"asin\": 3, \"instruction_text\": \"x\", \"price_upper\": 5}\n");
    Run r =
        run(
            "episode",
            "--task",
            "0",
            "--catalog",
            catalog,
            "--goals",
            bad.toString(),
            "--driver",
            "http");
    assertOneLineError(r, "goals " + bad, "line 2", "'asin' must be text");
  }

  @Test
  void otherBadOptions() {
    assertOneLineError(
        run("episode", "--task", "0", "--catalog", catalog), "--catalog and --goals go together");
    assertOneLineError(
        run("eval", "--env", "mall", "--catalog", catalog, "--goals", goals),
        "--env: unknown environment 'mall'");
    assertOneLineError(
        run("eval", "--split", "test", "--catalog", catalog, "--goals", goals),
        "--split: unknown split 'test'");
    assertOneLineError(
        run("eval", "--driver", "lynx", "--catalog", catalog, "--goals", goals, "--limit", "1"),
        "--driver: unknown driver 'lynx'");
    assertOneLineError(run("episode", "--task", "x"), "--task");
    assertOneLineError(
        run(
            "episode",
            "--task",
            "0",
            "--catalog",
            dir.resolve("none.json").toString(),
            "--goals",
            goals),
        "none.json: no such file");
  }

  @Test
  void unreachableTemporalOrS3IsNamed() {
    int closed = AgentqStack.freePort();
    Run s3 =
        run(
            "episode",
            "--task",
            "0",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--search",
            "mcts",
            "--s3",
            "http://127.0.0.1:" + closed);
    assertOneLineError(
        s3, "--s3 http://127.0.0.1:" + closed + ": cannot reach an S3 service there");
    Run temporal =
        run(
            "eval",
            "--limit",
            "1",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--search",
            "mcts",
            "--temporal",
            "127.0.0.1:" + closed);
    assertOneLineError(
        temporal, "--temporal 127.0.0.1:" + closed + ": cannot reach a Temporal service there");
    assertOneLineError(
        run("eval", "--search", "beam", "--catalog", catalog, "--goals", goals),
        "--search: unknown search 'beam'");
    assertOneLineError(
        run("eval", "--search", "mcts", "--alpha", "1.5", "--catalog", catalog, "--goals", goals),
        "alpha must be in [0, 1]");
  }

  @Test
  void searchedEpisodeCanBeShownFromTheArtifactStore() {
    Run searched =
        run(
            "episode",
            "--task",
            "2",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--search",
            "mcts",
            "--iterations",
            "3",
            "--k",
            "2",
            "--run-id",
            "shown");
    assertEquals(0, searched.code(), searched.err());
    assertTrue(searched.out().contains("episodes/shown-t2/"), searched.out());
    Run shown = run("show", "shown-t2", "--node", "0");
    assertEquals(0, shown.code(), shown.err());
    assertTrue(shown.out().startsWith("episode shown-t2: success="), shown.out());
    assertTrue(shown.out().contains("*#0 Search"), shown.out());
    assertTrue(shown.out().contains("--- page of node 0: http://127.0.0.1:"), shown.out());
    assertOneLineError(run("show", "nope"), "episode nope: no tree or checkpoint");
    // The same run id with another budget is refused in one line, never answered with old results.
    Run reused =
        run(
            "episode",
            "--task",
            "2",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--search",
            "mcts",
            "--iterations",
            "4",
            "--k",
            "2",
            "--run-id",
            "shown");
    assertOneLineError(reused, "run id reused: episode shown-t2 was started with task 2");
  }

  @Test
  void episodePrintsJson() throws IOException {
    Run r =
        run(
            "episode",
            "--task",
            "1",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals("1", j.get("taskId").asText());
    assertEquals(j.get("interactions").asInt(), j.get("steps").size());
    assertTrue(j.get("score").asDouble() >= 0 && j.get("score").asDouble() <= 1);
  }

  @Test
  void evalRunsTheSplitsSampleAndReportsSuccessPerCategory() throws IOException {
    ShopData data = ShopData.load(Path.of(catalog), Path.of(goals));
    Run r =
        run(
            "eval",
            "--split",
            "all",
            "--limit",
            "5",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    // The first 5 of the stratified sample, not of the file: 26 types of 8 goals, so 5 types.
    List<String> sampled =
        data.sample(TaskSplit.ALL).subList(0, 5).stream()
            .map(g -> Integer.toString(g.index()))
            .toList();
    List<String> ran = new ArrayList<>();
    j.get("episodes").forEach(e -> ran.add(e.get("taskId").asText()));
    assertEquals(sampled, ran);
    assertEquals(data.goals().size(), j.at("/sample/of").asInt());
    assertEquals(1, j.at("/sample/seed").asInt());
    assertEquals(5, j.get("byCategory").size(), j.get("byCategory").toString());
    int successes = 0;
    for (JsonNode c : j.get("byCategory")) {
      assertEquals(1, c.get("tasks").asInt(), c.toString());
      successes += c.get("successes").asInt();
    }
    assertEquals(Math.round(5 * j.get("successRate").asDouble()), successes);

    // Text: the totals, what the tasks are, then the table; a limit past the split takes it all.
    Run text =
        run(
            "eval",
            "--split",
            "heldout",
            "--limit",
            "1000",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--max-steps",
            "2");
    assertEquals(0, text.code(), text.err());
    int heldOut = data.goals(TaskSplit.HELDOUT).size();
    assertTrue(text.out().contains("split=heldout tasks=" + heldOut), text.out());
    assertTrue(
        text.out()
            .contains(
                "tasks: all "
                    + heldOut
                    + " tasks of the split, in its order stratified by product category (sample"
                    + " seed 1)"),
        text.out());
    assertTrue(
        text.out()
            .contains("success by product category:\n| category | tasks | successes | rate |\n"),
        text.out());
  }

  @Test
  void evalPrintsRateWithInterval() throws IOException {
    Run r =
        run(
            "eval",
            "--split",
            "all",
            "--limit",
            "3",
            "--catalog",
            catalog,
            "--goals",
            goals,
            "--driver",
            "http",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(3, j.get("tasks").asInt());
    assertEquals(3, j.get("episodes").size());
    double rate = j.get("successRate").asDouble();
    assertTrue(j.get("ci95").get(0).asDouble() <= rate && rate <= j.get("ci95").get(1).asDouble());
  }
}
