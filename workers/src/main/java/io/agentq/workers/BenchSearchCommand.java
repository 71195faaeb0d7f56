package io.agentq.workers;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.MctsEpisode;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workflows.search.ActivitySearchSteps;
import io.agentq.workflows.search.CheckpointChain;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The same seeded episodes through the SearchEpisodeWorkflow and through a plain in-process loop
 * over the same activity implementations, alternating, one at a time: MCTS nodes expanded per
 * second, and the wall-time ratio that orchestration costs.
 */
@Command(
    name = "bench-search",
    description = "MCTS nodes expanded per second; workflow vs plain loop wall time.")
final class BenchSearchCommand implements Callable<Integer> {
  @Mixin SearchOptions search;

  @Option(names = "--episodes", defaultValue = "10")
  int episodes;

  @Option(names = "--driver", defaultValue = "http")
  String driver;

  @Override
  public Integer call() {
    SearchConfig config = search.config(12, 1);
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0);
        AgentqStack stack = AgentqStack.start(rt, search.temporal, search.s3, driver, 2)) {
      List<Goal> goals = rt.data().goals(TaskSplit.HELDOUT).subList(0, episodes);
      String run = search.runId();
      double wfSeconds = 0;
      double plainSeconds = 0;
      long wfExpanded = 0;
      long plainExpanded = 0;
      int same = 0;
      long events = 0;
      long payloadBytes = 0;
      long largest = 0;
      // One untimed episode each way first: class loading, encoder and JIT warm-up.
      stack.runEpisode(EpisodeRequest.of(run + "-warm-wf", goals.get(0).index(), config));
      plain(stack, run + "-warm-plain", goals.get(0).index(), config);
      for (int i = 0; i < goals.size(); i++) {
        Goal g = goals.get(i);
        long t0 = System.nanoTime();
        EpisodeArtifacts wf =
            stack.runEpisode(EpisodeRequest.of(run + "-wf-t" + g.index(), g.index(), config));
        long t1 = System.nanoTime();
        EpisodeSummary p = plain(stack, run + "-plain-t" + g.index(), g.index(), config);
        long t2 = System.nanoTime();
        HistoryStats h = HistoryStats.of(stack.client(), run + "-wf-t" + g.index());
        events += h.events();
        payloadBytes += h.payloadBytes();
        largest = Math.max(largest, h.largestPayload());
        wfSeconds += (t1 - t0) / 1e9;
        plainSeconds += (t2 - t1) / 1e9;
        wfExpanded += wf.summary().expanded();
        plainExpanded += p.expanded();
        if (wf.summary().actions().equals(p.actions()) && wf.summary().nodes() == p.nodes()) {
          same++;
        }
        System.err.printf("\rbench-search %d/%d", i + 1, goals.size());
      }
      System.err.println();
      System.out.printf(
          "episodes %d, %s, driver %s%n"
              + "workflow:   %.1f s, %d nodes expanded, %.1f expansions/s%n"
              + "plain loop: %.1f s, %d nodes expanded, %.1f expansions/s%n"
              + "orchestration overhead (workflow / plain wall time): %.2fx; identical trees: %d/%d%n"
              + "history per episode: %.0f events, %.1f KB of payloads; largest payload %.1f KB%n",
          goals.size(),
          config.budget(),
          driver,
          wfSeconds,
          wfExpanded,
          wfExpanded / wfSeconds,
          plainSeconds,
          plainExpanded,
          plainExpanded / plainSeconds,
          wfSeconds / plainSeconds,
          same,
          goals.size(),
          (double) events / goals.size(),
          payloadBytes / 1024.0 / goals.size(),
          largest / 1024.0);
    }
    return 0;
  }

  /** The same search without Temporal: the activity implementations called directly. */
  private static EpisodeSummary plain(AgentqStack stack, String id, int task, SearchConfig config) {
    CheckpointChain chain = new CheckpointChain(id, "plain", null, stack.artifactActivities);
    ActivitySearchSteps steps =
        new ActivitySearchSteps(
            EpisodeRequest.of(id, task, config),
            stack.environment,
            stack.environment,
            stack.policy,
            chain::append,
            () -> false);
    return EpisodeSummary.of(new MctsEpisode(id, config, steps).run(null).tree());
  }
}
