package io.agentq.workflows.evaluation;

import io.agentq.core.InputException;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SharedChildren;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An evaluation as a thin script: the sample from an activity, then its episodes {@code window} at
 * a time, each an activity (no search) or a child (search), results taken in the sample's order.
 * When the request counts failures, an episode that fails after its retries is counted as failed
 * with its reason and the others go on; bad input stops the evaluation either way.
 */
public final class EvaluationWorkflowImpl implements EvaluationWorkflow {
  private final EvaluationActivities site =
      ActivityStubs.heartbeating(
          EvaluationActivities.class,
          TaskQueues.WORKFLOW,
          Duration.ofMinutes(15),
          Duration.ofMinutes(2));

  private Progress progress = new Progress(0, 0, 0);

  @Override
  public Progress progress() {
    return progress;
  }

  @Override
  public EvaluationResult run(EvaluationRequest r) {
    Visibility.open(r.environment(), null, r.policy());
    try {
      EvaluationResult result = evaluate(r);
      Visibility.close(Visibility.DONE);
      return result;
    } catch (TemporalFailure e) {
      Visibility.closeFailed(e);
      throw e;
    }
  }

  private EvaluationResult evaluate(EvaluationRequest r) {
    List<Integer> tasks = site.tasks(r.environment(), r.split(), r.from(), r.tasks());
    progress = new Progress(0, 0, tasks.size());
    List<Promise<EpisodeSummary>> all = new ArrayList<>();
    List<Promise<EpisodeSummary>> running = new ArrayList<>();
    String[] trees = new String[tasks.size()];
    EvaluationResult.Failure[] failures = new EvaluationResult.Failure[tasks.size()];
    int window = r.windowOrDefault();
    for (int i = 0; i < tasks.size(); i++) {
      int task = tasks.get(i);
      int at = i;
      while (running.size() >= window) {
        Promise.anyOf(running).get();
        running.removeIf(Promise::isCompleted);
      }
      Promise<EpisodeSummary> episode =
          r.withSearch()
              ? Async.function(
                  t -> {
                    EpisodeArtifacts a = SharedChildren.episode(r.episode(t));
                    trees[at] = a.treeKey();
                    return a.summary();
                  },
                  task)
              : Async.function(
                  site::episode,
                  new EvaluationActivities.Plain(
                      r.environment(),
                      r.episodes(),
                      r.policy(),
                      task,
                      r.maxSteps(),
                      r.seed(),
                      r.temperature()));
      Promise<EpisodeSummary> counted =
          r.countFailures()
              ? episode.handle(
                  (done, failure) -> {
                    if (failure == null) {
                      return done;
                    }
                    if (badInput(failure)) {
                      throw failure;
                    }
                    failures[at] = new EvaluationResult.Failure(task, reason(failure));
                    trees[at] = "";
                    return failed(r, task);
                  })
              : episode;
      counted.thenApply(
          s -> {
            progress =
                new Progress(
                    progress.done() + 1,
                    progress.successes() + (s.success() ? 1 : 0),
                    progress.tasks());
            return s;
          });
      all.add(counted);
      running.add(counted);
    }
    List<EpisodeSummary> episodes = new ArrayList<>();
    for (Promise<EpisodeSummary> p : all) {
      episodes.add(p.get());
    }
    List<EvaluationResult.Failure> failed = new ArrayList<>();
    for (EvaluationResult.Failure f : failures) {
      if (f != null) {
        failed.add(f);
      }
    }
    return EvaluationResult.of(
        r, tasks, episodes, r.withSearch() ? List.of(trees) : List.of(), failed);
  }

  private static boolean badInput(Throwable failure) {
    return badInputIn(failure).isPresent();
  }

  /**
   * The bad input behind a failure (an agent no worker serves, a run id reused), wherever it is in
   * the chain of causes: it stops an evaluation, which would fail the same way on every task.
   */
  public static Optional<ApplicationFailure> badInputIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a
          && (a.getType().equals(InputException.class.getName())
              || a.getType().equals(SearchEpisodeWorkflow.BAD_INPUT)
              || a.getType().equals(SearchEpisodeWorkflow.RUN_ID_REUSED))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The innermost failure of a chain, as "Type: message": what went wrong, not where. */
  static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String type = root.getClass().getSimpleName();
    String message = root.getMessage();
    if (root instanceof ApplicationFailure a) {
      type = a.getType().substring(a.getType().lastIndexOf('.') + 1);
      message = a.getOriginalMessage();
    }
    return type + (message == null || message.isEmpty() ? "" : ": " + message);
  }

  /** What a failed episode counts as: no success, score and steps 0. */
  private static EpisodeSummary failed(EvaluationRequest r, int task) {
    String id =
        r.withSearch() ? r.episode(task).episodeId() : r.episodes().replace('/', '-') + "-t" + task;
    return new EpisodeSummary(id, false, 0, 0, false, List.of(), 0, 0, 0, 0, "failed");
  }
}
