package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.agentq.core.Episode;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.OrderLookup;
import io.agentq.environments.shop.ShopData;
import io.agentq.infra.artifacts.ArtifactStore;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.browser.Chromium;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.ui.UiServer;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.testserver.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SearchEpisodeWorkflow on the in-process Temporal service drives headless Chromium through the
 * shop to a purchase; its tree, trajectory and pairs are read back from the in-process S3 server,
 * its search attributes and progress query say how it ended, and its recorded history replays
 * against the current workflow code. Run with --screens, every node's page is a PNG in the store
 * that the UI shows and the bundle carries; a failed Chromium episode leaves a Playwright trace of
 * its committed path, which its bundle carries, and a successful one none; without --screens no
 * screenshot is taken.
 */
class SearchEpisodeWorkflowTest {
  static final Path RECORDED =
      Path.of("src/test/resources/io/agentq/workers/search-episode-history.json");
  @TempDir static Path home;
  static ShopRuntime shop;
  static EmbeddedS3 s3;
  static AgentqStack stack;

  @BeforeAll
  static void start() {
    System.setProperty("agentq.home", home.toString());
    new CatalogGenerator(21, 6, 2).write(home.resolve("small"));
    shop =
        ShopRuntime.start(
            ShopData.load(home.resolve("small/catalog.json"), home.resolve("small/goals.jsonl")),
            0);
    // The test's own S3 server, so that `bundle` reads the store the stack writes (--s3).
    s3 = EmbeddedS3.start(home.resolve("s3"), 0);
    stack = AgentqStack.start(shop, null, s3.endpoint(), "playwright", 1);
  }

  @AfterAll
  static void stop() {
    stack.close();
    s3.close();
    shop.close();
    System.clearProperty("agentq.home");
  }

  @Test
  void searchEpisodeInChromiumEndsInAPurchaseWithArtifactsInS3AndReplays() throws Exception {
    SearchConfig config =
        new SearchConfig(3, 3, 10, 1.0, 0.5, 0.1, 3, SearchConfig.RolloutValue.SCORE, 5);
    String id = "wf-e2e-" + System.nanoTime();
    EpisodeArtifacts a =
        stack.runEpisode(
            EpisodeRequest.of(id, 3, config)
                .with(EpisodeRequest.Orchestration.defaults().withScreens(true)));
    assertTrue(a.summary().terminated(), "the committed path ends in a purchase: " + a.summary());
    // The live site holds exactly one order, under the episode's first irreversible key.
    OrderLookup held = shop.site().lookup(id + ":irreversible:1");
    assertEquals(OrderLookup.State.TAKEN, held.state());
    assertEquals(held.order().reward(), a.summary().score(), 1e-12, "the live order's reward");
    assertEquals(
        1, shop.site().orders().stream().filter(o -> o.episode().equals(id)).count(), "one order");
    assertTrue(
        shop.site().orders().stream().noneMatch(o -> o.session().equals("sbx-" + id)),
        "search buys only in the sandbox");
    assertEquals(1, a.irreversible().size());
    assertFalse(a.irreversible().get(0).adopted(), "bought by this run, not adopted");

    TreeSnapshot tree = stack.artifacts().get(a.treeKey(), TreeSnapshot.class).orElseThrow();
    assertEquals(a.summary().nodes(), tree.nodes().size());
    assertEquals(config, tree.config());
    assertTrue(tree.iterations() >= config.iterationsPerStep());
    assertTrue(tree.interactions() > 0, "environment steps are counted");
    assertEquals(a.summary().interactions(), tree.interactions());
    Episode trajectory = stack.artifacts().get(a.trajectoryKey(), Episode.class).orElseThrow();
    assertEquals(a.summary().steps(), trajectory.length());
    assertEquals(a.summary().actions(), trajectory.commands());
    assertEquals(a.summary().score(), trajectory.score(), 1e-12);
    // Each committed step keeps the state it was taken in: the page's url, its stored observation
    // (the tree's node page), and the history before it.
    Episode.Step first = trajectory.steps().get(0);
    assertEquals(tree.nodes().get(0).state().stateUrl(), first.url());
    assertEquals(tree.nodes().get(0).state().observationKey(), first.observationKey());
    assertTrue(stack.artifacts().store().get(first.observationKey()).isPresent(), first.toString());
    assertEquals(List.of(), first.history());
    for (Episode.Step s : trajectory.steps()) {
      assertEquals(trajectory.commands().subList(0, s.step() - 1), s.history());
      assertTrue(s.node() != null && s.node().visits() >= 1, s.toString());
    }
    String pairs =
        new String(
            stack.artifacts().store().get(a.pairsKey()).orElseThrow(), StandardCharsets.UTF_8);
    assertEquals(a.pairs(), pairs.lines().count());
    pairs
        .lines()
        .forEach(
            l -> assertTrue(l.startsWith("{\"schemaVersion\":1,\"kind\":\"preference-pair\"")));
    assertTrue(stack.artifacts().store().get(a.manifestKey()).isPresent());

    // --screens: every executed node's page has a PNG beside its observation; no trace on
    // success.
    ArtifactStore store = stack.artifacts().store();
    for (TreeSnapshot.Node n : tree.nodes()) {
      if (n.state() != null) {
        String screen = ObservationStore.screenKey(n.state().observationKey());
        assertPng(store.get(screen).orElseThrow(() -> new AssertionError("no " + screen)));
      }
    }
    assertTrue(store.get(ObservationStore.traceKey(id)).isEmpty(), "no trace of a success");
    TreeSnapshot.Node last =
        tree.nodes().stream().filter(n -> n.id() == tree.rootId()).findFirst().orElseThrow();
    String screen = ObservationStore.screenKey(last.state().observationKey());
    try (UiServer ui = new UiServer(stack.artifacts(), 0);
        Chromium chromium = new Chromium()) {
      Page page = chromium.newPage();
      page.navigate("http://127.0.0.1:" + ui.port() + "/episode/" + id + "/node/" + last.id());
      assertEquals("/file/" + screen, page.locator("img.screen").getAttribute("src"));
      assertTrue(
          (Integer) page.locator("img.screen").evaluate("i => i.complete && i.naturalWidth") > 0,
          "the browser shows the screenshot");
      byte[] served =
          page.request().get(page.url().replaceAll("/episode/.*", "/file/" + screen)).body();
      assertArrayEquals(store.get(screen).orElseThrow(), served, "the UI serves the stored PNG");
    }

    assertTrue(bundle(id).stream().anyMatch(n -> n.matches(id + "/obs/[0-9a-f]+\\.png")));

    // A cluster's UI and CLI find the episode by its search attributes (the test server lists no
    // executions by query; its description has them) and ask it where it stands.
    SearchAttributes found =
        stack.client().newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
    assertEquals("shop", found.get(Visibility.ENVIRONMENT));
    assertEquals("zero-shot", found.get(Visibility.POLICY));
    assertEquals(
        a.summary().success() ? Visibility.SUCCESS : Visibility.FAILURE,
        found.get(Visibility.OUTCOME));
    assertFalse(found.containsKey(Visibility.CYCLE), "not a cycle's episode: " + found);
    SearchEpisodeWorkflow.Progress progress =
        stack.client().newWorkflowStub(SearchEpisodeWorkflow.class, id).progress();
    assertEquals(
        new SearchEpisodeWorkflow.Progress(
            SearchEpisodeWorkflow.Progress.FINISHED,
            a.summary().steps(),
            0,
            a.summary().iterations(),
            a.summary().interactions(),
            a.summary().actions()),
        progress);

    WorkflowExecutionHistory history = stack.client().fetchHistory(id);
    WorkflowReplayer.replayWorkflowExecution(history, SearchEpisodeWorkflowImpl.class);
    if (Boolean.getBoolean("agentq.record")) {
      Files.writeString(RECORDED, history.toJson(true));
    }
    // Running the same episode id again reads the finished episode back instead of redoing it.
    EpisodeArtifacts again = stack.runEpisode(EpisodeRequest.of(id, 3, config));
    assertEquals(a, again);
  }

  @Test
  void aFailedEpisodeInChromiumLeavesATraceOfItsCommittedPathAndNoScreensUnasked()
      throws Exception {
    // One step allowed (T = 1): the search commits a step and the episode ends without a purchase.
    SearchConfig config =
        new SearchConfig(1, 2, 1, 1.0, 0.5, 0.1, 1, SearchConfig.RolloutValue.SCORE, 5);
    String id = "wf-fail-" + System.nanoTime();
    EpisodeArtifacts a = stack.runEpisode(EpisodeRequest.of(id, 3, config));
    assertFalse(a.summary().success(), a.summary().toString());
    assertEquals(1, a.summary().actions().size(), a.summary().toString());
    ArtifactStore store = stack.artifacts().store();
    assertTrue(
        store.list("episodes/" + id + "/obs/").stream().noneMatch(k -> k.endsWith(".png")),
        "no screenshot without --screens");
    byte[] trace = store.get(ObservationStore.traceKey(id)).orElseThrow();
    Map<String, String> entries = new TreeMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(trace))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        entries.put(
            e.getName(),
            e.getName().startsWith("resources/")
                ? ""
                : new String(z.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    String events = entries.getOrDefault("trace.trace", "");
    assertTrue(
        events.contains("\"context-options\""), "Playwright trace events: " + entries.keySet());
    assertTrue(entries.containsKey("trace.network"), entries.keySet().toString());
    assertTrue(events.contains("/s/sbx-" + id + "/"), "the episode's sandbox session is traced");
    assertTrue(events.contains("\"screencast-frame\""), "with screenshots");
    assertTrue(events.contains("\"frame-snapshot\""), "with DOM snapshots");
    assertTrue(bundle(id).contains(id + "/trace.zip"), "the bundle carries the trace");
    try (UiServer ui = new UiServer(stack.artifacts(), 0)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + ui.port();
      String episode =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/episode/" + id)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String link = "/file/" + ObservationStore.traceKey(id);
      assertTrue(episode.contains("href=\"" + link + "\""), "the episode page links its trace");
      HttpResponse<byte[]> served =
          http.send(
              HttpRequest.newBuilder(URI.create(base + link)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("application/zip", served.headers().firstValue("Content-Type").orElse(""));
      assertArrayEquals(trace, served.body(), "the UI serves the stored trace");
    }
    WorkflowReplayer.replayWorkflowExecution(
        stack.client().fetchHistory(id), SearchEpisodeWorkflowImpl.class);
  }

  /** The names in {@code agentq bundle EPISODE}'s zip, read from the stack's store. */
  static Set<String> bundle(String id) throws Exception {
    Path zip = home.resolve(id + ".zip");
    assertEquals(0, Main.execute("bundle", id, "--s3", s3.endpoint(), "--out", zip.toString()));
    Set<String> names = new TreeSet<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().forEach(e -> names.add(e.getName()));
    }
    assertTrue(names.contains(id + "/tree.json"), names.toString());
    return names;
  }

  /** A PNG by its signature, of the browser's width (1280) and a plausible height and size. */
  static void assertPng(byte[] png) {
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    assertArrayEquals(signature, Arrays.copyOf(png, 8), "PNG signature");
    ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
    int width = ihdr.getInt();
    int height = ihdr.getInt();
    assertEquals(1280, width, "the viewport's width");
    assertTrue(height >= 100 && height < 20_000, "height " + height);
    assertTrue(png.length > 2_000 && png.length < 5_000_000, png.length + " bytes");
  }

  /**
   * The SDK's test server as a service, as the fault run uses it: the workflow worker goes away in
   * the middle of an episode whose steps run on another worker's queues, and a new workflow worker
   * finishes the episode. With sticky execution the test server would send the next workflow task
   * to the gone worker's sticky queue forever.
   */
  @Test
  void aWorkflowWorkerThatGoesAwayMidEpisodeStrandsNothing() throws Exception {
    SearchConfig config =
        new SearchConfig(10, 3, 10, 1.0, 0.5, 0.1, 3, SearchConfig.RolloutValue.SCORE, 5);
    String id = "wf-worker-gone-" + System.nanoTime();
    int port = AgentqStack.freePort();
    String temporal = "127.0.0.1:" + port;
    try (var server = TestServer.createPortBoundServer(port);
        EmbeddedS3 store = EmbeddedS3.start(home.resolve("s3-worker-gone"), 0);
        AgentqStack steps =
            AgentqStack.startWorkers(
                shop,
                temporal,
                store.endpoint(),
                "http",
                2,
                Set.of(TaskQueues.BROWSER, TaskQueues.POLICY))) {
      AgentqStack first =
          AgentqStack.startWorkers(
              shop, temporal, store.endpoint(), "http", 2, Set.of(TaskQueues.WORKFLOW));
      CompletableFuture<EpisodeArtifacts> running =
          CompletableFuture.supplyAsync(
              () ->
                  steps.runEpisode(
                      EpisodeRequest.of(id, 3, config)
                          .with(
                              EpisodeRequest.Orchestration.defaults()
                                  .withLocalPolicy(false)
                                  .withLocalSteps(false))));
      SearchEpisodeWorkflow.Progress p =
          HistoryPayloadTest.progressWhileSearching(first, id, running);
      first.close();
      assertTrue(
          steps.artifacts().store().get("episodes/" + id + "/manifest.json").isEmpty(),
          "the workflow worker went away before the episode finished: " + p);
      try (AgentqStack second =
          AgentqStack.startWorkers(
              shop, temporal, store.endpoint(), "http", 2, Set.of(TaskQueues.WORKFLOW))) {
        EpisodeArtifacts a = running.get(120, TimeUnit.SECONDS);
        assertTrue(a.summary().steps() >= 1, a.summary().toString());
        assertTrue(a.summary().iterations() > p.iterations(), "the search went on: " + p);
      }
    }
  }

  @Test
  void recordedHistoryReplaysAgainstTheCurrentWorkflowCode() throws Exception {
    assertFalse(Files.readString(RECORDED).isBlank());
    WorkflowReplayer.replayWorkflowExecution(RECORDED.toFile(), SearchEpisodeWorkflowImpl.class);
    // Its request was stored before --screens existed: read back, it asks for no screenshots.
    var input =
        WorkflowExecutionHistory.fromJson(Files.readString(RECORDED))
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    EpisodeRequest old =
        DefaultDataConverter.newDefaultInstance()
            .fromPayloads(0, Optional.of(input), EpisodeRequest.class, EpisodeRequest.class);
    assertEquals(3, old.taskId());
    assertFalse(old.orchestration().capturesScreens());
  }
}
