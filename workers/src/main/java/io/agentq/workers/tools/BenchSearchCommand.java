package io.agentq.workers.tools;

import io.agentq.core.InputException;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.MctsEpisode;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.commands.SearchOptions;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.TemporalService;
import io.agentq.workflows.search.ActivitySearchSteps;
import io.agentq.workflows.search.CheckpointChain;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The same seeded episodes through the SearchEpisodeWorkflow and through a plain in-process loop
 * over the same activity implementations, alternating, one at a time: MCTS nodes expanded per
 * second, and the wall-time ratio that orchestration costs. With {@code --compare-sticky} the
 * workflow paths run twice, beside a second embedded stack whose workflow worker asks for no sticky
 * execution, as workflow workers beside the SDK's test server run as a service do (see {@link
 * TemporalService}).
 */
@Command(
    name = "bench-search",
    description = "MCTS nodes expanded per second; workflow vs plain loop wall time.")
public final class BenchSearchCommand implements Callable<Integer> {
  @Mixin SearchOptions search;

  @Option(names = "--episodes", defaultValue = "10")
  int episodes;

  @Option(names = "--driver", defaultValue = "http")
  String driver;

  @Option(
      names = "--compare-sticky",
      description =
          "Also run the workflow paths on a second embedded stack whose workflow worker asks for"
              + " no sticky execution, and print both (the embedded service only).")
  boolean compareSticky;

  /** One stack's two workflow paths. */
  private record Workflows(AgentqStack stack, String tag, Path local, Path queued) {}

  @Override
  public Integer call() {
    if (search.screens) {
      throw new InputException(
          "--screens: bench-search times the search without screenshots; bench-steps --screens"
              + " times what they cost per step");
    }
    if (compareSticky && search.temporal != null) {
      throw new InputException(
          "--compare-sticky: two stacks on one cluster would share its task queues; leave"
              + " --temporal out");
    }
    SearchConfig config = search.config(12, 1);
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0);
        AgentqStack stack = AgentqStack.start(rt, search.temporal, search.s3, driver, 2);
        AgentqStack unsticky =
            compareSticky ? AgentqStack.startSticky(rt, null, search.s3, driver, 2, false) : null) {
      List<Goal> goals = rt.data().goals(TaskSplit.HELDOUT).subList(0, episodes);
      String run = search.runId();
      EpisodeRequest.Orchestration local = EpisodeRequest.Orchestration.defaults();
      EpisodeRequest.Orchestration queues = local.withLocalPolicy(false).withLocalSteps(false);
      String on = compareSticky ? ", sticky execution on" : "";
      List<Workflows> ways = new ArrayList<>();
      ways.add(
          new Workflows(
              stack,
              "",
              new Path("workflow, policy and sandbox steps local (all-in-one process)" + on),
              new Path("workflow, every step an activity on its task queue" + on)));
      if (unsticky != null) {
        ways.add(
            new Workflows(
                unsticky,
                "-unsticky",
                new Path("the same, sticky execution off"),
                new Path("the same (queues), sticky execution off")));
      }
      Path plainLoop = new Path("plain in-process loop (no Temporal)");
      int same = 0;
      // One untimed episode each way first: class loading, encoder and JIT warm-up.
      int warm = goals.get(0).index();
      for (Workflows w : ways) {
        w.stack()
            .runEpisode(EpisodeRequest.of(run + w.tag() + "-warm-local", warm, config).with(local));
        w.stack()
            .runEpisode(
                EpisodeRequest.of(run + w.tag() + "-warm-queues", warm, config).with(queues));
      }
      plain(stack, run + "-warm-plain", warm, config);
      for (int i = 0; i < goals.size(); i++) {
        Goal g = goals.get(i);
        boolean identical = true;
        EpisodeSummary p = null;
        // The first episode of a task meets the shop's pages cold: the stacks take turns first.
        List<Workflows> order = new ArrayList<>(ways);
        if (i % 2 == 1) {
          Collections.reverse(order);
        }
        for (Workflows w : order) {
          String id = w.tag() + "-t" + g.index();
          long t0 = System.nanoTime();
          EpisodeArtifacts a =
              w.stack()
                  .runEpisode(
                      EpisodeRequest.of(run + "-local" + id, g.index(), config).with(local));
          long t1 = System.nanoTime();
          EpisodeArtifacts q =
              w.stack()
                  .runEpisode(
                      EpisodeRequest.of(run + "-queues" + id, g.index(), config).with(queues));
          long t2 = System.nanoTime();
          w.local()
              .add(
                  t1 - t0,
                  a.summary().expanded(),
                  HistoryStats.of(w.stack().client(), run + "-local" + id));
          w.queued()
              .add(
                  t2 - t1,
                  q.summary().expanded(),
                  HistoryStats.of(w.stack().client(), run + "-queues" + id));
          if (p == null) {
            long t3 = System.nanoTime();
            p = plain(stack, run + "-plain-t" + g.index(), g.index(), config);
            plainLoop.add(System.nanoTime() - t3, p.expanded(), null);
          }
          identical &=
              a.summary().actions().equals(p.actions())
                  && a.summary().nodes() == p.nodes()
                  && q.summary().actions().equals(p.actions())
                  && q.summary().nodes() == p.nodes();
        }
        same += identical ? 1 : 0;
        System.err.printf("\rbench-search %d/%d", i + 1, goals.size());
      }
      System.err.println();
      System.out.printf("episodes %d, %s, driver %s%n", goals.size(), config.budget(), driver);
      for (Workflows w : ways) {
        System.out.println(w.local().line(goals.size(), plainLoop.seconds));
        System.out.println(w.queued().line(goals.size(), plainLoop.seconds));
      }
      System.out.println(plainLoop.line(goals.size(), plainLoop.seconds));
      System.out.printf(
          "identical trees on all %d paths: %d/%d%n", 2 * ways.size() + 1, same, goals.size());
    }
    return 0;
  }

  /** One way of running the episodes: its wall time, expansions and history. */
  private static final class Path {
    final String name;
    double seconds;
    long expanded;
    long events;
    long payloadBytes;
    long largest;
    int episodes;

    Path(String name) {
      this.name = name;
    }

    void add(long nanos, int expansions, HistoryStats h) {
      seconds += nanos / 1e9;
      expanded += expansions;
      episodes++;
      if (h != null) {
        events += h.events();
        payloadBytes += h.payloadBytes();
        largest = Math.max(largest, h.largestPayload());
      }
    }

    String line(int n, double plainSeconds) {
      String history =
          events == 0
              ? ""
              : String.format(
                  "; history per episode %.0f events, %.1f KB of payloads, largest %.1f KB",
                  (double) events / n, payloadBytes / 1024.0 / n, largest / 1024.0);
      return String.format(
          "%-84s %6.1f s, %d expanded, %5.1f expansions/s, %.2fx the plain loop%s",
          name + ":", seconds, expanded, expanded / seconds, seconds / plainSeconds, history);
    }
  }

  /**
   * The same search without Temporal: the activity implementations called directly, checkpoints and
   * the episode's artifacts written to the same store.
   */
  private static EpisodeSummary plain(AgentqStack stack, String id, int task, SearchConfig config) {
    CheckpointChain chain = new CheckpointChain(id, "plain", null, stack.artifactActivities);
    ActivitySearchSteps steps =
        new ActivitySearchSteps(
            EpisodeRequest.of(id, task, config),
            stack.environment,
            stack.environment,
            stack.environment,
            stack.policy,
            chain::append,
            () -> false);
    EpisodeSummary summary = EpisodeSummary.of(new MctsEpisode(id, config, steps).run(null).tree());
    // The episode's artifacts are part of the work on every path, not of orchestration.
    stack.artifactActivities.writeEpisode(id, chain.head(), -1);
    return summary;
  }
}
