package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.agentq.infra.browser.Chromium;
import io.agentq.workflows.cycle.CollectWorkflowImpl;
import io.agentq.workflows.cycle.DailyCycleWorkflowImpl;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily cycles end to end on the embedded stack, as an operator runs them: a base, a first cycle
 * (collect with search, pairs, train, evaluate, promote, report), the same cycle started again
 * (every step cached, no episode or version added), a second cycle from the promoted version with
 * the first one's pairs in its replay buffer and other train tasks, and status / list with their
 * exit codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CycleTest {
  @TempDir static Path dir;
  static Path home;
  static SmallShop shop;

  @BeforeAll
  static void base() throws Exception {
    shop = SmallShop.in(dir);
    home = dir.resolve("home");
    shop.trainBase(home);
  }

  static List<String> cycle(String... args) {
    List<String> out = new ArrayList<>(List.of("cycle"));
    out.addAll(List.of(args));
    return shop.args(out);
  }

  static List<String> start(String id) {
    return cycle(
        "start",
        "--id",
        id,
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
        "2",
        "--episodes-per-run",
        "2");
  }

  static Child run(String log, List<String> args) {
    return Child.start(home, home.resolve(log), args);
  }

  static JsonNode record(String id) throws IOException {
    return TrainingRoundTest.stored(home, "cycles/" + id + "/cycle.json").get("data");
  }

  static Set<String> keysUnder(String prefix) throws IOException {
    Path root = home.resolve("s3/agentq");
    Set<String> out = new HashSet<>();
    if (!Files.isDirectory(root.resolve(prefix))) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root.resolve(prefix))) {
      files.filter(Files::isRegularFile).forEach(f -> out.add(root.relativize(f).toString()));
    }
    return out;
  }

  /**
   * The search attributes an archived history ends with: those it was started with, then every
   * upsert in order.
   */
  static Map<String, String> searchAttributes(Path history) throws IOException {
    WorkflowExecutionHistory h = WorkflowExecutionHistory.fromJson(Files.readString(history));
    Map<String, String> out = new TreeMap<>();
    for (HistoryEvent e : h.getEvents()) {
      io.temporal.api.common.v1.SearchAttributes set =
          e.hasWorkflowExecutionStartedEventAttributes()
              ? e.getWorkflowExecutionStartedEventAttributes().getSearchAttributes()
              : e.hasUpsertWorkflowSearchAttributesEventAttributes()
                  ? e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()
                  : null;
      if (set != null) {
        set.getIndexedFieldsMap()
            .forEach(
                (name, value) ->
                    out.put(
                        name,
                        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                            value, String.class, String.class)));
      }
    }
    return out;
  }

  static Set<Integer> ints(JsonNode array) {
    Set<Integer> out = new HashSet<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Test
  @Order(1)
  void cyclesRunResumeAndChainOnTheEmbeddedStack() throws Exception {
    try (Child c = run("c1.log", start("c1"))) {
      assertEquals(0, c.exitCode(900), c.output());
      assertTrue(c.output().contains("report: "), c.output());
    }
    JsonNode c1 = record("c1");
    for (JsonNode step : c1.get("steps")) {
      assertEquals("done", step.get("status").asText(), step.toString());
    }
    assertEquals("v0", c1.at("/request/parent").asText());
    assertEquals("base-ranking:v0", c1.at("/request/critic").asText());
    assertTrue(c1.at("/collected/episodes").asInt() >= 1, c1.toString());
    assertTrue(c1.at("/collected/interactions").asInt() >= 150, "collection reached the budget");
    String v1 = c1.at("/round/version").asText();
    assertEquals("v1", v1);
    assertTrue(c1.at("/round/currentDev/tasks").asInt() == 4, c1.toString());
    assertEquals(6, c1.at("/evaluated/candidate/tasks").asInt());
    assertEquals(2, c1.at("/evaluated/candidateSearch/tasks").asInt());
    assertTrue(Files.exists(home.resolve("s3/agentq/pairs/c1/files.json")));
    String html = Files.readString(home.resolve("s3/agentq/reports/c1/report.html"));
    assertTrue(html.contains("<h1>Cycle c1</h1>"), html);
    assertTrue(html.contains("Held-out success"), html);
    assertTrue(Files.exists(home.resolve("reports/c1/report.html")), "copied out of the store");
    boolean promoted = c1.get("promoted").asBoolean();

    // The histories of the cycle and of its episodes were archived, and replay offline.
    Set<String> histories = keysUnder("cycles/c1/history");
    assertEquals(1, histories.size(), histories.toString());
    for (String h : histories) {
      WorkflowReplayer.replayWorkflowExecution(
          home.resolve("s3/agentq").resolve(h).toFile(), DailyCycleWorkflowImpl.class);
    }
    // Collection continued as new every 2 episodes: each run archived, each replays.
    Set<String> collectRuns = keysUnder("cycles/c1/collect-history");
    int collectedEpisodes = c1.at("/collected/episodes").asInt();
    assertEquals((collectedEpisodes + 1) / 2, collectRuns.size(), collectRuns.toString());
    for (String h : collectRuns) {
      WorkflowReplayer.replayWorkflowExecution(
          home.resolve("s3/agentq").resolve(h).toFile(), CollectWorkflowImpl.class);
    }
    Set<String> episodeHistories = new HashSet<>();
    for (String k : keysUnder("episodes")) {
      if (k.matches("episodes/c1-collect-t\\d+/history/.*\\.json")) {
        episodeHistories.add(k);
      }
    }
    assertTrue(
        episodeHistories.size() >= c1.at("/collected/episodes").asInt(),
        "every collected episode's history: " + episodeHistories);
    WorkflowReplayer.replayWorkflowExecution(
        home.resolve("s3/agentq").resolve(episodeHistories.iterator().next()).toFile(),
        SearchEpisodeWorkflowImpl.class);
    // ... and those of its held-out searched episodes (2 tasks, before and after).
    Set<String> heldoutHistories = new HashSet<>();
    for (String k : keysUnder("episodes")) {
      if (k.matches("episodes/eval-[^/]+-t\\d+/history/.*\\.json")) {
        heldoutHistories.add(k.replaceAll("/history/.*", ""));
      }
    }
    assertEquals(4, heldoutHistories.size(), heldoutHistories.toString());

    // The same cycle again: every step read back, nothing run.
    Set<String> episodes = keysUnder("episodes");
    Set<String> policies = keysUnder("policies");
    try (Child c = run("c1-again.log", start("c1"))) {
      assertEquals(0, c.exitCode(600), c.output());
      assertTrue(c.output().contains("cached"), c.output());
    }
    for (JsonNode step : record("c1").get("steps")) {
      assertEquals("cached", step.get("status").asText(), step.toString());
    }
    assertEquals(episodes, keysUnder("episodes"), "no episode was run again");
    assertEquals(policies, keysUnder("policies"), "no version was trained again");

    // A cycle id reused with other options is refused in one line.
    List<String> other = start("c1");
    other.set(other.indexOf("--budget") + 1, "999");
    other.addAll(List.of("--policy", "v0"));
    try (Child c = run("c1-other.log", other)) {
      assertEquals(2, c.exitCode(600), c.output());
      assertTrue(c.output().contains("cycle id reused"), c.output());
    }

    // The next cycle starts from the promoted version, on train tasks c1 did not use, and trains
    // on c1's pairs too.
    try (Child c = run("c2.log", start("c2"))) {
      assertEquals(0, c.exitCode(900), c.output());
    }
    JsonNode c2 = record("c2");
    assertEquals(promoted ? v1 : "v0", c2.at("/request/parent").asText());
    assertEquals("base-ranking:v0", c2.at("/request/critic").asText(), "the lineage's root ranks");
    assertEquals("c1", c2.at("/pairs/bufferCycles/0").asText(), c2.toString());
    assertTrue(c2.at("/pairs/bufferPairs").asInt() >= c2.at("/pairs/pairs").asInt());
    Set<Integer> used1 =
        ints(TrainingRoundTest.stored(home, "cycles/c1/used-tasks.json").get("data"));
    Set<Integer> used2 =
        ints(TrainingRoundTest.stored(home, "cycles/c2/used-tasks.json").get("data"));
    Set<Integer> both = new HashSet<>(used1);
    both.retainAll(used2);
    assertTrue(both.isEmpty(), "c2 took train tasks c1 used: " + both);
    JsonNode trained = TrainingRoundTest.stored(home, "cycles/c2/data-pairs.json").get("data");
    JsonNode c1Files = TrainingRoundTest.stored(home, "pairs/c1/files.json").get("data");
    Set<String> trainedOn = new HashSet<>();
    trained.forEach(n -> trainedOn.add(n.asText()));
    c1Files.forEach(n -> assertTrue(trainedOn.contains(n.asText()), "replay buffer: " + n));
    String html2 = Files.readString(home.resolve("s3/agentq/reports/c2/report.html"));
    assertTrue(html2.contains(">c1<") && html2.contains(">c2<"), "success by cycle: " + html2);

    // A cluster's UI and `temporal workflow list --query "AgentqCycle = 'c1'"` find the cycle and
    // its episodes: their archived histories end with these search attributes.
    for (String cycleHistory : keysUnder("cycles/c1/history")) {
      assertEquals(
          Map.of(
              "AgentqEnvironment", "shop",
              "AgentqCycle", "c1",
              "AgentqPolicy", "v0",
              "AgentqOutcome", "done"),
          searchAttributes(home.resolve("s3/agentq").resolve(cycleHistory)),
          cycleHistory);
    }
    // Its collect workflow (every run: the attributes go on with continue-as-new) and episodes
    // inherit its environment and cycle.
    Set<String> collectOutcomes = new HashSet<>();
    for (String run : keysUnder("cycles/c1/collect-history")) {
      Map<String, String> found = searchAttributes(home.resolve("s3/agentq").resolve(run));
      assertEquals("c1", found.get("AgentqCycle"), run + ": " + found);
      assertEquals("shop", found.get("AgentqEnvironment"), run + ": " + found);
      collectOutcomes.add(found.get("AgentqOutcome"));
    }
    assertTrue(collectOutcomes.contains("done"), "the last collect run: " + collectOutcomes);
    String episodeHistory = episodeHistories.iterator().next();
    String episodeId = episodeHistory.split("/")[1];
    JsonNode manifest = TrainingRoundTest.stored(home, "episodes/" + episodeId + "/manifest.json");
    assertEquals(
        Map.of(
            "AgentqEnvironment",
            "shop",
            "AgentqCycle",
            "c1",
            "AgentqPolicy",
            "v0",
            "AgentqOutcome",
            manifest.at("/data/summary/success").asBoolean() ? "success" : "failure"),
        searchAttributes(home.resolve("s3/agentq").resolve(episodeHistory)));

    // Status and list.
    try (Child c = run("status.log", List.of("cycle", "status", "c2"))) {
      assertEquals(0, c.exitCode(300), c.output());
      assertTrue(c.output().contains("collect") && c.output().contains("report"), c.output());
    }
    try (Child c = run("status-json.log", List.of("cycle", "status", "c2", "--json"))) {
      assertEquals(0, c.exitCode(300), c.output());
      assertTrue(c.output().contains("\"steps\""), c.output());
    }
    try (Child c = run("list.log", List.of("cycle", "list"))) {
      assertEquals(0, c.exitCode(300), c.output());
      assertTrue(c.output().contains("c1  done") && c.output().contains("c2  done"), c.output());
    }
    try (Child c = run("unknown.log", List.of("cycle", "status", "nope"))) {
      assertEquals(2, c.exitCode(300), c.output());
      assertFalse(c.output().contains("Exception"), c.output());
    }

    // `agentq report` writes a cycle's report locally; an unknown cycle is one line, exit 2.
    Path out = dir.resolve("report-out");
    try (Child c = run("report.log", shop.args(List.of("report", "c1", "--out", out.toString())))) {
      assertEquals(0, c.exitCode(300), c.output());
      String local = Files.readString(out.resolve("c1/report.html"));
      assertTrue(local.contains("c1") && local.contains("success.png"), local);
      assertTrue(Files.size(out.resolve("c1/success.png")) > 1000, "the plot");
      assertTrue(Files.exists(out.resolve("c1/report.json")), "report.json");
    }
    try (Child c = run("report-unknown.log", shop.args(List.of("report", "nope")))) {
      assertEquals(2, c.exitCode(300), c.output());
      assertTrue(c.output().contains("no such cycle"), c.output());
    }

    // The UI in headless Chromium: the cycles page, a cycle, an episode, its tree, a node's page.
    try (Child ui = run("ui.log", List.of("ui", "--port", "0"));
        Chromium chromium = new Chromium()) {
      assertTrue(ui.awaitThat(() -> ui.output().contains("http://127.0.0.1:"), 120), ui.output());
      java.util.regex.Matcher port =
          java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(ui.output());
      assertTrue(port.find(), ui.output());
      String base = "http://127.0.0.1:" + port.group(1);
      Page page = chromium.newPage();
      page.navigate(base + "/");
      page.locator("a.cycle", new Page.LocatorOptions().setHasText("c1")).click();
      page.waitForURL("**/cycle/c1");
      assertTrue(page.content().contains("collect"), "the cycle's steps");
      page.locator("a.episode").first().click();
      page.waitForURL("**/episode/c1-collect-t*");
      assertTrue(page.locator("h1").textContent().startsWith("Episode c1-collect-t"));
      String closedId = page.locator("details.node:not([open])").first().getAttribute("id");
      var closed = page.locator("#" + closedId);
      assertEquals(Boolean.FALSE, closed.evaluate("d => d.open"), closedId);
      // On the summary's disclosure marker, not on its "page" link.
      closed
          .locator("summary")
          .first()
          .click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(4, 6));
      assertEquals(Boolean.TRUE, closed.evaluate("d => d.open"), "the tree expands");
      page.locator("a.page").first().click();
      page.waitForURL("**/node/*");
      assertTrue(
          page.locator("pre.page-text").textContent().contains("Instruction:"),
          "a node shows the page the agent saw");
    }
  }

  /**
   * Runs last (its cycle takes train tasks of the daily lineage): a cycle whose searches back up a
   * stored judge's verdicts, not the site's reward; a judge the store lacks is one line.
   */
  @Test
  @Order(2)
  void aCycleValuedByAJudgeSearchesWithTheJudge() throws Exception {
    try (Child c =
        run(
            "judge.log",
            shop.args(
                List.of(
                    "train-judge",
                    "--train-tasks",
                    "6",
                    "--dev-tasks",
                    "3",
                    "--heldout-tasks",
                    "3",
                    "--sources",
                    "expert,expert-deviating",
                    "--deviation",
                    "0.4",
                    "--epochs",
                    "5")))) {
      assertEquals(0, c.exitCode(600), c.output());
    }
    String judge = c0judge();
    List<String> missing = valued("cj-missing", "judge:j99");
    try (Child c = run("cj-missing.log", missing)) {
      assertEquals(2, c.exitCode(600), c.output());
      assertTrue(c.output().contains("--value judge:j99"), c.output());
    }
    try (Child c = run("cj.log", valued("cj", judge))) {
      assertEquals(0, c.exitCode(900), c.output());
      assertTrue(c.output().contains("backing up " + judge + "'s verdicts"), c.output());
    }
    JsonNode cj = record("cj");
    assertEquals(judge, cj.at("/request/value").asText(), cj.toString());
    // every collected episode and every held-out searched episode was asked to back up the judge
    Set<String> requests = new HashSet<>();
    for (String k : keysUnder("episodes")) {
      if (k.endsWith("/request.json")
          && (k.contains("cj-collect-") || k.contains(judge.replace(':', '_')))) {
        requests.add(k);
      }
    }
    assertTrue(requests.size() >= 2, "collected and held-out searched episodes: " + requests);
    for (String k : requests) {
      JsonNode agents = TrainingRoundTest.stored(home, k).at("/data/agents");
      assertEquals(judge, agents.get("value").asText(), k + ": " + agents);
    }
  }

  /** The judge train-judge just stored (the store's only one). */
  private static String c0judge() throws IOException {
    Set<String> manifests = new HashSet<>();
    for (String k : keysUnder("judges")) {
      if (k.endsWith("/manifest.json")) {
        manifests.add(k.split("/")[1]);
      }
    }
    assertEquals(1, manifests.size(), manifests.toString());
    return "judge:" + manifests.iterator().next();
  }

  private static List<String> valued(String id, String judge) {
    return cycle(
        "start",
        "--id",
        id,
        "--policy",
        "v0",
        "--value",
        judge,
        "--budget",
        "40",
        "--iterations",
        "2",
        "--k",
        "2",
        "--epochs",
        "1",
        "--dev-tasks",
        "2",
        "--heldout-tasks",
        "2",
        "--heldout-search-tasks",
        "1");
  }
}
