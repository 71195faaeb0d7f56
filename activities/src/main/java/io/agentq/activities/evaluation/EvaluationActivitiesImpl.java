package io.agentq.activities.evaluation;

import static io.agentq.workflows.evaluation.EvaluationActivities.SCRIPTED_EXPERT;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.activities.training.Heartbeats;
import io.agentq.activities.training.TaskSite;
import io.agentq.activities.training.TaskSites;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.Policy;
import io.agentq.core.StoreKeys;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.LearnedPolicy;
import io.agentq.workflows.evaluation.EvaluationActivities;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An evaluation's site side: the seeded stratified sample of a split ({@link TaskSite#tasks}) and
 * one episode of a policy without search in a sandbox session (scored, never an order), kept under
 * the evaluation's prefix and read back when it finished before, so an evaluation started again
 * runs only what it had not finished.
 */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private final JsonArtifacts artifacts;
  private final TaskSites sites;
  private final AgentCatalog agents;

  public EvaluationActivitiesImpl(JsonArtifacts artifacts, TaskSites sites, AgentCatalog agents) {
    this.artifacts = artifacts;
    this.sites = sites;
    this.agents = agents;
  }

  @Override
  public List<Integer> tasks(String environment, String split, int from, int count) {
    List<Integer> all = sites.of(environment).tasks(split, from + count);
    return from >= all.size() ? List.of() : List.copyOf(all.subList(from, all.size()));
  }

  @Override
  public EpisodeSummary episode(Plain e) {
    TaskSite site = sites.of(e.environment());
    String prefix = e.prefix();
    int task = e.task();
    String key = StoreKeys.evaluationEpisode(prefix, task);
    Optional<Episode> done = artifacts.get(key, Episode.class);
    if (done.isPresent()) {
      return EpisodeSummary.withoutSearch(done.get());
    }
    String episodeId = prefix.replace('/', '-') + "-t" + task;
    Episode result;
    try (Environment env = Heartbeats.of(site).sandbox(task, episodeId)) {
      result =
          new EpisodeLoop(policy(site, e.policy(), task, e.temperature()), e.maxSteps())
              .run(
                  episodeId,
                  Integer.toString(task),
                  env,
                  new SplittableRandom(e.seed() * 1_000_003L + task),
                  EpisodeLoop.Pages.NONE)
              .named(episodeId, site.target(task));
    }
    artifacts.put(key, "episode", result);
    return EpisodeSummary.withoutSearch(result);
  }

  /**
   * The policy of an episode: the site's scripted expert for the task, or an agent the workers
   * serve; a stored policy samples at {@code temperature} when one is given.
   */
  private Policy policy(TaskSite site, String name, int task, Double temperature) {
    if (name.equals(SCRIPTED_EXPERT)) {
      return site.scriptedExpert(task);
    }
    Policy p = agents.policy(name);
    return temperature != null && p instanceof LearnedPolicy learned
        ? learned.withTemperature(temperature)
        : p;
  }
}
