package io.agentq.activities.training;

import io.agentq.core.Environment;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.EpisodeResult;
import io.agentq.core.Policy;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.concurrent.InParallel;
import io.agentq.workflows.training.EvalSummary;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A policy without search on a seeded sample of a split's tasks, stratified by category ({@link
 * TaskSite#tasks}), in sandbox sessions (scored, never an order), every episode kept under the
 * evaluation's key and read back when it finished before: an evaluation started again runs only
 * what it had not finished.
 */
public final class SandboxEvaluation {
  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final int threads;

  public SandboxEvaluation(JsonArtifacts artifacts, TaskSite site, int threads) {
    this.artifacts = artifacts;
    this.site = site;
    this.threads = Math.max(1, threads);
  }

  /** The episodes' results, in the sample's order. */
  public List<EpisodeResult> episodes(
      String evalKey, Policy policy, String split, int tasks, int maxSteps, long seed) {
    List<Integer> ids = site.tasks(split, tasks);
    List<EpisodeResult> results =
        InParallel.map(ids, threads, task -> episode(evalKey, policy, task, maxSteps, seed));
    return results;
  }

  public EvalSummary run(
      String evalKey,
      String policyName,
      Policy policy,
      String split,
      int tasks,
      int maxSteps,
      long seed) {
    List<EpisodeResult> results = episodes(evalKey, policy, split, tasks, maxSteps, seed);
    return new EvalSummary(
        policyName,
        split,
        results.size(),
        (int) results.stream().filter(EpisodeResult::success).count(),
        results.stream().mapToDouble(EpisodeResult::score).average().orElse(0),
        results.stream().mapToInt(EpisodeResult::steps).average().orElse(0),
        results.stream().mapToInt(EpisodeResult::steps).sum(),
        evalKey);
  }

  private EpisodeResult episode(String evalKey, Policy policy, int task, int maxSteps, long seed) {
    String key = evalKey + "/t" + task + ".json";
    Optional<EpisodeResult> done = artifacts.get(key, EpisodeResult.class);
    if (done.isPresent()) {
      return done.get();
    }
    String episodeId = evalKey.replace('/', '-') + "-t" + task;
    EpisodeResult result;
    try (Environment env = site.sandbox(task, episodeId)) {
      result =
          new EpisodeLoop(policy, maxSteps)
              .run(Integer.toString(task), env, new SplittableRandom(seed * 1_000_003L + task));
    }
    artifacts.put(key, "episode-result", result);
    return result;
  }
}
