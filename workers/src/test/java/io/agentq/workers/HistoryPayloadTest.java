package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.ShopData;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.tools.HistoryStats;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.common.SearchAttributes;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys-only history: a searched episode of more than 1,000 nodes sends no payload over 64 KB
 * through the workflow's history (a real cluster warns at 256 KB and refuses 2 MB), since
 * checkpoints carry only what changed and the tree is read back in small pieces. Asked while it
 * searches, it says where it stands; its search attributes go on with it to every run.
 */
class HistoryPayloadTest {
  @TempDir Path home;

  @Test
  void aThousandNodeEpisodeHasNoPayloadOver64Kb() throws Exception {
    System.setProperty("agentq.home", home.toString());
    new CatalogGenerator(61, 6, 2).write(home.resolve("shop"));
    ShopData data =
        ShopData.load(home.resolve("shop/catalog.json"), home.resolve("shop/goals.jsonl"));
    // K = 10 and 100 iterations a step: well over 100 expansions in a 4- or 5-step episode.
    SearchConfig big =
        new SearchConfig(100, 10, 12, 1.0, 0.5, 0.1, 10, SearchConfig.RolloutValue.SUCCESS, 3);
    try (ShopRuntime rt = ShopRuntime.start(data, 0);
        AgentqStack stack = AgentqStack.start(rt, null, null, "http", 2)) {
      // Continuing as new every ~600 events: each run reads the 1,000-node tree back in pieces.
      CompletableFuture<EpisodeArtifacts> running =
          CompletableFuture.supplyAsync(
              () ->
                  stack.runEpisode(
                      EpisodeRequest.of("big-1", 4, big)
                          .with(
                              // Steps as activities, so that the history grows with every step
                              // (local activities reach it only when a workflow task completes).
                              EpisodeRequest.Orchestration.defaults()
                                  .withLocalSteps(false)
                                  .withMaxHistoryEvents(600))));
      // Asked while it searches, the episode says where it stands.
      SearchEpisodeWorkflow.Progress p = progressWhileSearching(stack, "big-1", running);
      assertEquals(SearchEpisodeWorkflow.Progress.SEARCHING, p.phase(), p.toString());
      assertEquals(p.committed().size() + 1, p.step(), p.toString());
      assertTrue(p.iterations() > 0 && p.interactions() > 0, p.toString());
      assertTrue(p.iterationsAtStep() <= big.iterationsPerStep(), p.toString());
      EpisodeArtifacts a = running.join();
      HistoryStats h = HistoryStats.of(stack.client(), "big-1");
      assertTrue(a.summary().nodes() >= 1000, "a big tree: " + a.summary().nodes() + " nodes");
      assertTrue(h.runs() > 1, "it continued as new: " + h);
      assertTrue(
          h.largestPayload() <= 64 * 1024,
          "largest payload " + h.largestPayload() + " bytes at " + h.largestAt() + "; " + h);
      // The search attributes went on to each run, and the last one says how the episode ended.
      SearchAttributes found =
          stack.client().newUntypedWorkflowStub("big-1").describe().getTypedSearchAttributes();
      assertEquals("zero-shot", found.get(Visibility.POLICY), found.toString());
      assertEquals("shop", found.get(Visibility.ENVIRONMENT), found.toString());
      assertEquals(
          a.summary().success() ? Visibility.SUCCESS : Visibility.FAILURE,
          found.get(Visibility.OUTCOME));
    } finally {
      System.clearProperty("agentq.home");
    }
  }

  /** The episode's progress once it has searched a little (or the test's failure if it ended). */
  static SearchEpisodeWorkflow.Progress progressWhileSearching(
      AgentqStack stack, String id, CompletableFuture<?> running) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && !running.isDone()) {
      try {
        SearchEpisodeWorkflow.Progress p =
            stack.client().newWorkflowStub(SearchEpisodeWorkflow.class, id).progress();
        if (p.interactions() > 0) {
          return p;
        }
      } catch (WorkflowNotFoundException | WorkflowQueryException notYet) {
        // not started yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no progress while searching; done: " + running.isDone());
  }
}
