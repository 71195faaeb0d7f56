package io.agentq.activities.training;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.Observation;
import io.agentq.core.Policy;
import io.agentq.core.training.CheckedEpisode;
import io.agentq.environments.shop.decision.CheckedLabels;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One of the policy's own episodes on a train task with labels from sandbox purchases ({@link
 * CheckedLabels}: DAgger with a shallow expert), kept in the store ({@code {prefix}/t{task}.json})
 * and read back when it finished before; its interactions count the episode's steps and every
 * check's clicks and purchases. The batches and the budget are the data workflow's ({@code
 * DataWorkflow}).
 */
public final class CheckedSampling {
  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final ObservationStore observations;

  public CheckedSampling(JsonArtifacts artifacts, TaskSite site) {
    this.artifacts = artifacts;
    this.site = site;
    this.observations = new ObservationStore(artifacts);
  }

  /** A checked episode, its key, and whether it was read back. */
  public record Result(String key, CheckedEpisode episode, boolean readBack) {}

  /**
   * @param topResults how many of the policy's favourite results a results page checks
   */
  public Result episode(
      String prefix, Policy policy, int task, int topResults, int maxSteps, long seed) {
    String key = prefix + "/t" + task + ".json";
    Optional<CheckedEpisode> done = artifacts.get(key, CheckedEpisode.class);
    if (done.isPresent()) {
      return new Result(key, done.get(), true);
    }
    String episodeId = prefix.replace('/', '-') + "-t" + task;
    CheckedEpisode e;
    try (Environment env = site.sandbox(task, episodeId)) {
      List<Observation> pages = new ArrayList<>();
      Episode result =
          new EpisodeLoop(policy, maxSteps)
              .run(
                  episodeId,
                  Integer.toString(task),
                  env,
                  new SplittableRandom(seed * 1_000_003L + task),
                  page -> {
                    pages.add(page);
                    return null;
                  });
      List<AgentState> states = new ArrayList<>();
      for (Episode.Step s : result.steps()) {
        states.add(
            new AgentState(
                env.instruction(),
                s.history().stream().map(ActionParser::parse).toList(),
                pages.get(s.step() - 1)));
      }
      CheckedLabels.Result checked =
          CheckedLabels.label(env, states, s -> ranked(policy, s), topResults);
      List<Episode.Step> steps = new ArrayList<>();
      for (CheckedLabels.Label l : checked.labels()) {
        AgentState s = states.get(l.step());
        steps.add(
            Episode.Step.decision(
                observations.put(episodeId, s.page()),
                s.previousActions().stream().map(Action::toString).toList(),
                l.action().toString(),
                policy.logLikelihood(s, l.action())));
      }
      e =
          new CheckedEpisode(
              episodeId,
              Integer.toString(task),
              site.target(task),
              env.instruction().text(),
              policy.name(),
              result.success(),
              result.score(),
              result.length(),
              checked.interactions(),
              checked.checks(),
              steps);
    }
    artifacts.put(key, "checked-episode", e);
    return new Result(key, e, false);
  }

  /** The page's actions by the policy's likelihood, best first (ties keep page order). */
  static List<Action> ranked(Policy policy, AgentState state) {
    List<Action> actions =
        state.page().elements().stream().map(el -> (Action) new Action.Click(el.id())).toList();
    double[] ll = policy.logLikelihoods(state, actions);
    return IntStream.range(0, actions.size())
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -ll[i]).thenComparing(i -> i))
        .map(actions::get)
        .toList();
  }
}
