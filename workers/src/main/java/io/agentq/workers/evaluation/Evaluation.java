package io.agentq.workers.evaluation;

import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.Policy;
import io.agentq.core.StoreKeys;
import io.agentq.core.SuccessRate;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.History;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A command's evaluation: an {@code EvaluationWorkflow} on the stack (episodes without search as
 * heartbeating activities, with search as {@code SearchEpisodeWorkflow} children, a window of them
 * at a time), shown as it goes, then reported with its success rate, 95% interval, mean score and
 * every episode read back from the store.
 */
public final class Evaluation {
  /** What one evaluation measured. */
  public record Report(
      String policy,
      String search,
      String budget,
      String driver,
      String split,
      int tasks,
      SuccessRate success,
      double meanScore,
      double meanSteps,
      double seconds,
      int failed,
      List<Episode> episodes) {}

  private Evaluation() {}

  /** One episode without search in this process: the policy acts at every step. */
  public static Episode runOne(
      ShopRuntime shop,
      DriverFactory drivers,
      Goal goal,
      Policy policy,
      int maxSteps,
      long seed,
      String runId) {
    try (Environment env = shop.episode(goal, runId + "-t" + goal.index(), drivers)) {
      return new EpisodeLoop(policy, maxSteps)
          .run(
              Integer.toString(goal.index()),
              env,
              new SplittableRandom(seed * 1_000_003L + goal.index()));
    }
  }

  /**
   * Runs {@code request} as an evaluation workflow on {@code stack} (or reads back what it finished
   * before: its place in the store is deterministic), shows its episodes on {@code progress} as
   * they finish, and reports them in the sample's order. A failed episode (when the request counts
   * failures) is reported as failed with its reason; bad input stops the evaluation in one line.
   *
   * @param driver the page driver of the workers that ran it, for the report
   */
  public static Report run(
      AgentqStack stack, EvaluationRequest request, String driver, Progress progress) {
    long start = System.nanoTime();
    List<Episode> episodes = new ArrayList<>();
    for (EvaluationResult r : slices(stack, request, progress)) {
      episodes.addAll(results(stack, request, r));
    }
    int wins = (int) episodes.stream().filter(Episode::success).count();
    return new Report(
        episodes.stream().map(Episode::policy).filter(p -> !p.isEmpty()).findFirst().orElse(""),
        request.withSearch() ? "mcts" : "none",
        request.withSearch() ? request.search().budget() : "T=" + request.maxSteps(),
        driver,
        request.split(),
        episodes.size(),
        SuccessRate.of(wins, episodes.size()),
        episodes.stream().mapToDouble(Episode::score).average().orElse(0),
        episodes.stream().mapToInt(Episode::length).average().orElse(0),
        (System.nanoTime() - start) / 1e9,
        (int) episodes.stream().filter(Episode::failed).count(),
        episodes);
  }

  /**
   * Tasks per evaluation workflow: a larger evaluation runs as slices of the sample, one after the
   * other, so that no workflow's history or result nears Temporal's limits (50k events, 2 MB).
   */
  static final int SLICE = 1000;

  /**
   * Runs {@code request} as evaluation workflows of at most {@link #SLICE} tasks each, one after
   * the other (one workflow, of the request's own id, when it is no larger); their results in the
   * sample's order.
   */
  public static List<EvaluationResult> slices(
      AgentqStack stack, EvaluationRequest request, Progress progress) {
    List<EvaluationResult> out = new ArrayList<>();
    int end = request.from() + request.tasks();
    for (int first = request.from(); first < end; first += SLICE) {
      int count = Math.min(SLICE, end - first);
      EvaluationResult r =
          stack.evaluate(
              count == request.tasks() ? request : request.slice(first, count), progress);
      out.add(r);
      if (r.tasks().size() < count) {
        break; // the split ends here
      }
    }
    return out;
  }

  /** An evaluation's episodes as results, in its order, read back from the store. */
  private static List<Episode> results(
      AgentqStack stack, EvaluationRequest request, EvaluationResult r) {
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < r.tasks().size(); i++) {
      int task = r.tasks().get(i);
      EpisodeSummary s = r.episodes().get(i);
      var failure = r.failure(task);
      if (failure.isPresent()) {
        System.err.printf("%nepisode on task %d failed: %s%n", task, failure.get());
        episodes.add(Episode.failed(null, Integer.toString(task), "", failure.get()));
      } else if (request.withSearch()) {
        archiveHistory(stack, s.episodeId());
        episodes.add(SearchedEpisodes.result(stack.artifacts(), s.episodeId()));
      } else {
        String key = StoreKeys.evaluationEpisode(request.episodes(), task);
        episodes.add(
            stack
                .artifacts()
                .get(key, Episode.class)
                .orElseThrow(() -> new IllegalStateException("no episode at " + key)));
      }
    }
    return episodes;
  }

  /**
   * A searched episode's workflow history beside its artifacts, so that it can be replayed after
   * the service forgets it (the embedded one does when its process ends).
   */
  public static void archiveHistory(AgentqStack stack, String episodeId) {
    History.archive(stack, episodeId, StoreKeys.episodeHistory(episodeId));
  }
}
