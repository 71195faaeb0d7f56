package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.OrderLookup;
import io.agentq.environments.shop.ShopData;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.testserver.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SearchEpisodeWorkflow on the in-process Temporal service drives headless Chromium through the
 * shop to a purchase; its tree, trajectory and pairs are read back from the in-process S3 server,
 * its search attributes and progress query say how it ended, and its recorded history replays
 * against the current workflow code.
 */
class SearchEpisodeWorkflowTest {
  static final Path RECORDED =
      Path.of("src/test/resources/io/agentq/workers/search-episode-history.json");
  @TempDir static Path home;
  static ShopRuntime shop;

  @BeforeAll
  static void start() {
    System.setProperty("agentq.home", home.toString());
    new CatalogGenerator(21, 6, 2).write(home.resolve("small"));
    shop =
        ShopRuntime.start(
            ShopData.load(home.resolve("small/catalog.json"), home.resolve("small/goals.jsonl")),
            0);
  }

  @AfterAll
  static void stop() {
    shop.close();
    System.clearProperty("agentq.home");
  }

  @Test
  void searchEpisodeInChromiumEndsInAPurchaseWithArtifactsInS3AndReplays() throws Exception {
    SearchConfig config =
        new SearchConfig(3, 3, 10, 1.0, 0.5, 0.1, 3, SearchConfig.RolloutValue.SCORE, 5);
    try (AgentqStack stack = AgentqStack.start(shop, null, null, "playwright", 1)) {
      String id = "wf-e2e-" + System.nanoTime();
      EpisodeArtifacts a = stack.runEpisode(EpisodeRequest.of(id, 3, config));
      assertTrue(a.summary().terminated(), "the committed path ends in a purchase: " + a.summary());
      // The live site holds exactly one order, under the episode's first irreversible key.
      OrderLookup held = shop.site().lookup(id + ":irreversible:1");
      assertEquals(OrderLookup.State.TAKEN, held.state());
      assertEquals(held.order().reward(), a.summary().score(), 1e-12, "the live order's reward");
      assertEquals(
          1,
          shop.site().orders().stream().filter(o -> o.episode().equals(id)).count(),
          "one order");
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
      var trajectory =
          stack
              .artifacts()
              .get(a.trajectoryKey(), ArtifactActivitiesImpl.TrajectoryEntry[].class)
              .orElseThrow();
      assertEquals(a.summary().steps(), trajectory.length);
      assertEquals(a.summary().actions().get(0), trajectory[0].command());
      String pairs =
          new String(
              stack.artifacts().store().get(a.pairsKey()).orElseThrow(), StandardCharsets.UTF_8);
      assertEquals(a.pairs(), pairs.lines().count());
      pairs
          .lines()
          .forEach(
              l -> assertTrue(l.startsWith("{\"schemaVersion\":1,\"kind\":\"preference-pair\"")));
      assertTrue(stack.artifacts().store().get(a.manifestKey()).isPresent());

      // A cluster's UI and CLI find the episode by its search attributes (the test server lists
      // no executions by query; its description has them) and ask it where it stands.
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
        EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3-worker-gone"), 0);
        AgentqStack steps =
            AgentqStack.startWorkers(
                shop,
                temporal,
                s3.endpoint(),
                "http",
                2,
                Set.of(TaskQueues.BROWSER, TaskQueues.POLICY))) {
      AgentqStack first =
          AgentqStack.startWorkers(
              shop, temporal, s3.endpoint(), "http", 2, Set.of(TaskQueues.WORKFLOW));
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
              shop, temporal, s3.endpoint(), "http", 2, Set.of(TaskQueues.WORKFLOW))) {
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
  }
}
