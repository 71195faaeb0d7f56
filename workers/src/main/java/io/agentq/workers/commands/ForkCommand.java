package io.agentq.workers.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.Episode;
import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A new searched episode that reuses another's committed prefix up to step N and searches on from
 * there, with another policy or search if asked. The original is left as it is; a prefix that holds
 * an irreversible step is refused; and a fork never sends an irreversible action to the live site
 * (its purchase is scored in its sandbox), so forking an episode that bought never orders a second
 * time.
 */
@Command(
    name = "fork",
    description =
        "Start a new episode from another's committed prefix up to --from-step N and search on"
            + " (another --policy, --critic or search budget if asked); the original is untouched,"
            + " and a fork never places an order.")
public final class ForkCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "The episode to fork (e.g. RUN-t42).")
  String episode;

  @Option(
      names = "--from-step",
      required = true,
      description = "Steps of the original's committed path to reuse (0: none).")
  int fromStep;

  @Option(names = "--policy", description = "The fork's policy (default: the original's).")
  String policy;

  @Option(names = "--critic", description = "The fork's critic (default: the original's).")
  String critic;

  @Option(
      names = "--iterations",
      description = "MCTS iterations per step (default: the original's).")
  Integer iterations;

  @Option(names = "--k", description = "Proposals per expansion (default: the original's).")
  Integer k;

  @Option(names = "--alpha", description = "Q_mix weight of returns (default: the original's).")
  Double alpha;

  @Option(names = "--id", description = "The fork's episode id (default: EPISODE-fork-N-POLICY).")
  String id;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: embedded).")
  String temporal;

  @Override
  public Integer call() throws Exception {
    shop.check();
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack stack =
            AgentqStack.startWorkers(rt, temporal, store.s3, "http", 2, AgentqStack.ALL_QUEUES)) {
      JsonArtifacts artifacts = stack.artifacts();
      String prefix = StoreKeys.episode(episode);
      EpisodeRequest original =
          artifacts
              .get(prefix + StoreKeys.REQUEST, EpisodeRequest.class)
              .orElseThrow(
                  () ->
                      new InputException(
                          "episode " + episode + ": not in the store (a searched episode's id)"));
      List<Episode.Step> trajectory =
          artifacts
              .get(prefix + StoreKeys.TRAJECTORY, Episode.class)
              .map(Episode::steps)
              .orElseThrow(
                  () ->
                      new InputException("episode " + episode + ": not finished (no trajectory)"));
      JsonNode tree = artifacts.get(prefix + StoreKeys.TREE, JsonNode.class).orElseThrow();
      if (fromStep < 0 || fromStep > trajectory.size()) {
        throw new InputException(
            "--from-step "
                + fromStep
                + ": episode "
                + episode
                + " committed "
                + trajectory.size()
                + " steps; use 0 to "
                + trajectory.size());
      }
      Set<Integer> irreversible = new HashSet<>();
      tree.path("irreversible").forEach(a -> irreversible.add(a.path("nodeId").asInt()));
      List<Proposal> steps = new ArrayList<>();
      for (int i = 0; i < fromStep; i++) {
        Episode.Step s = trajectory.get(i);
        if (irreversible.contains(s.node().id())) {
          throw new InputException(
              "--from-step "
                  + fromStep
                  + ": step "
                  + (i + 1)
                  + " ("
                  + s.command()
                  + ") is irreversible; fork from step "
                  + i
                  + " or earlier");
        }
        steps.add(
            new Proposal(
                "",
                s.thought() == null ? "" : s.thought(),
                s.command(),
                s.explanation() == null ? "" : s.explanation(),
                s.logLikelihood()));
      }
      EpisodeRequest.Agents agents =
          new EpisodeRequest.Agents(
              policy == null
                  ? original.agents().policy()
                  : policy.equals("zero-shot") ? policy : PolicyStore.normalise(policy),
              critic == null ? original.agents().critic() : critic);
      SearchConfig c = original.config();
      SearchConfig config;
      try {
        config =
            new SearchConfig(
                iterations == null ? c.iterationsPerStep() : iterations,
                k == null ? c.branching() : k,
                c.maxDepth(),
                c.exploration(),
                alpha == null ? c.alpha() : alpha,
                c.pairThreshold(),
                iterations == null ? c.checkpointEvery() : iterations,
                c.rolloutValue(),
                c.seed());
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage().replace("search config: ", "fork options: "));
      }
      String forkId =
          id != null
              ? id
              : (episode + "-fork" + fromStep + "-" + agents.policy())
                  .replaceAll("[^A-Za-z0-9._-]", "_");
      if (forkId.equals(episode)) {
        throw new InputException("--id " + id + ": a fork needs an id of its own");
      }
      EpisodeRequest request =
          EpisodeRequest.of(forkId, original.taskId(), config).with(agents).forkedWith(steps);
      EpisodeArtifacts a = stack.runEpisode(request);
      System.out.printf(
          Locale.ROOT,
          "fork %s of %s from step %d with %s: %s, score %.3f in %d steps (%s); the purchase, if"
              + " any, scored in the sandbox and never sent to the live site%n"
              + "  actions: %s%n  artifacts: %s%n",
          forkId,
          episode,
          fromStep,
          agents.policy(),
          a.summary().success() ? "success" : "no success",
          a.summary().score(),
          a.summary().steps(),
          config.budget(),
          a.summary().actions(),
          a.manifestKey());
      return 0;
    }
  }
}
