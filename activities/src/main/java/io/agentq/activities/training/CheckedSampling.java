package io.agentq.activities.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Environment;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.EpisodeResult;
import io.agentq.core.Policy;
import io.agentq.core.training.CheckedEpisode;
import io.agentq.core.training.Trajectory;
import io.agentq.environments.shop.decision.CheckedLabels;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.concurrent.InParallel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The policy's own episodes on train tasks with labels from sandbox purchases ({@link
 * CheckedLabels}: DAgger with a shallow expert): one episode per task, tasks in the order given,
 * until the interaction budget (the episodes' steps and every check's clicks and purchases) is
 * spent. Each task's result is kept in the store ({@code {prefix}/t{task}.json}) and read back on a
 * rerun; the batches are fixed, so a rerun stops exactly where the first run did.
 */
public final class CheckedSampling {
  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final ObservationStore observations;
  private final int threads;

  public CheckedSampling(JsonArtifacts artifacts, TaskSite site, int threads) {
    this.artifacts = artifacts;
    this.site = site;
    this.observations = new ObservationStore(artifacts);
    this.threads = Math.max(1, threads);
  }

  /**
   * @param keys the checked episodes' store keys
   * @param interactions environment steps they cost, checks included
   * @param labels labelled pages
   */
  public record Checked(
      List<String> keys,
      int interactions,
      int tasks,
      int successes,
      int labels,
      int checks,
      int readBack,
      int nextTask) {}

  /**
   * @param from the index in {@code tasks} to start at (a later round goes on with new tasks)
   * @param topResults how many of the policy's favourite results a results page checks
   */
  public Checked sample(
      String prefix,
      Policy policy,
      List<Integer> tasks,
      int from,
      int budget,
      int topResults,
      int maxSteps,
      long seed) {
    List<String> keys = new ArrayList<>();
    int interactions = 0;
    int done = 0;
    int successes = 0;
    int labels = 0;
    int checks = 0;
    int readBack = 0;
    int next = from;
    while (next < tasks.size() && interactions < budget) {
      List<Integer> batch = tasks.subList(next, Math.min(tasks.size(), next + threads));
      next += batch.size();
      for (Result r :
          InParallel.map(
              batch, threads, task -> one(prefix, policy, task, topResults, maxSteps, seed))) {
        keys.add(r.key());
        interactions += r.episode().interactions();
        successes += r.episode().success() ? 1 : 0;
        labels += r.episode().labels().size();
        checks += r.episode().checks();
        readBack += r.readBack() ? 1 : 0;
        done++;
      }
    }
    return new Checked(keys, interactions, done, successes, labels, checks, readBack, next);
  }

  private record Result(String key, CheckedEpisode episode, boolean readBack) {}

  private Result one(
      String prefix, Policy policy, int task, int topResults, int maxSteps, long seed) {
    String key = prefix + "/t" + task + ".json";
    Optional<CheckedEpisode> done = artifacts.get(key, CheckedEpisode.class);
    if (done.isPresent()) {
      return new Result(key, done.get(), true);
    }
    String episodeId = prefix.replace('/', '-') + "-t" + task;
    CheckedEpisode e;
    try (Environment env = site.sandbox(task, episodeId)) {
      List<AgentState> states = new ArrayList<>();
      EpisodeResult result =
          new EpisodeLoop(policy, maxSteps)
              .run(
                  Integer.toString(task),
                  env,
                  new SplittableRandom(seed * 1_000_003L + task),
                  (state, chosen) -> states.add(state));
      CheckedLabels.Result checked =
          CheckedLabels.label(env, states, s -> ranked(policy, s), topResults);
      List<Trajectory.Step> steps = new ArrayList<>();
      for (CheckedLabels.Label l : checked.labels()) {
        AgentState s = states.get(l.step());
        steps.add(
            new Trajectory.Step(
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
              result.steps(),
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
