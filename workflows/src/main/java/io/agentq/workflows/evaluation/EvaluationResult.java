package io.agentq.workflows.evaluation;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.workflows.training.EvalSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation's outcome: the summary and each episode's, in the sample's order.
 *
 * @param tasks the sample's task ids, in order
 * @param trees with search, the episodes' tree keys in the same order (empty without; "" for a
 *     failed episode)
 * @param failures the episodes that failed after their retries and were counted as failed (no
 *     success, score and steps 0), in the sample's order; empty unless the request counts failures
 */
public record EvaluationResult(
    EvalSummary summary,
    List<Integer> tasks,
    List<EpisodeSummary> episodes,
    List<String> trees,
    List<Failure> failures) {
  public EvaluationResult {
    tasks = List.copyOf(tasks);
    episodes = List.copyOf(episodes);
    trees = List.copyOf(trees);
    failures = failures == null ? List.of() : List.copyOf(failures); // null: recorded before
  }

  /** An episode that could not be run to its end, and why (the innermost failure's message). */
  public record Failure(int task, String reason) {}

  /** Why the episode of {@code task} failed, when it did. */
  public java.util.Optional<String> failure(int task) {
    return failures.stream().filter(f -> f.task() == task).map(Failure::reason).findFirst();
  }

  /** The tasks whose episode succeeded, in the sample's order. */
  public List<Integer> solved() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (episodes.get(i).success()) {
        out.add(tasks.get(i));
      }
    }
    return out;
  }

  /**
   * The summary of episodes: success count, mean score and steps; interactions are the episodes'
   * environment interactions (without search, its steps).
   */
  static EvaluationResult of(
      EvaluationRequest r,
      List<Integer> tasks,
      List<EpisodeSummary> eps,
      List<String> trees,
      List<Failure> failures) {
    int successes = 0;
    double score = 0;
    int steps = 0;
    int interactions = 0;
    for (EpisodeSummary e : eps) {
      successes += e.success() ? 1 : 0;
      score += e.score();
      steps += e.steps();
      interactions += e.interactions();
    }
    int n = eps.size();
    EvalSummary s =
        new EvalSummary(
            r.policy(),
            r.withSearch() ? r.split() + "+mcts" : r.split(),
            n,
            successes,
            n == 0 ? 0 : score / n,
            n == 0 ? 0 : (double) steps / n,
            interactions,
            r.episodes());
    return new EvaluationResult(s, tasks, eps, trees, failures);
  }
}
