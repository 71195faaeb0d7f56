package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.ShopData;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.tools.HistoryStats;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys-only history: a searched episode of more than 1,000 nodes sends no payload over 64 KB
 * through the workflow's history (a real cluster warns at 256 KB and refuses 2 MB), since
 * checkpoints carry only what changed and the tree is read back in small pieces.
 */
class HistoryPayloadTest {
  @TempDir Path home;

  @Test
  void aThousandNodeEpisodeHasNoPayloadOver64Kb() {
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
      EpisodeArtifacts a =
          stack.runEpisode(
              EpisodeRequest.of("big-1", 4, big)
                  .with(
                      // Steps as activities, so that the history grows with every step (local
                      // activities reach it only when a workflow task completes).
                      EpisodeRequest.Orchestration.defaults()
                          .withLocalSteps(false)
                          .withMaxHistoryEvents(600)));
      HistoryStats h = HistoryStats.of(stack.client(), "big-1");
      assertTrue(a.summary().nodes() >= 1000, "a big tree: " + a.summary().nodes() + " nodes");
      assertTrue(h.runs() > 1, "it continued as new: " + h);
      assertTrue(
          h.largestPayload() <= 64 * 1024,
          "largest payload " + h.largestPayload() + " bytes at " + h.largestAt() + "; " + h);
    } finally {
      System.clearProperty("agentq.home");
    }
  }
}
