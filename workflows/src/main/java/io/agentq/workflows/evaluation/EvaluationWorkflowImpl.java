package io.agentq.workflows.evaluation;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.SharedChildren;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation as a thin script: the sample from an activity, then its episodes {@code window} at
 * a time, each an activity (no search) or a child (search), results taken in the sample's order.
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
    Visibility.open(null, null, r.policy());
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
    List<Integer> tasks = site.tasks(r.split(), r.from(), r.tasks());
    progress = new Progress(0, 0, tasks.size());
    List<Promise<EpisodeSummary>> all = new ArrayList<>();
    List<Promise<EpisodeSummary>> running = new ArrayList<>();
    String[] trees = new String[tasks.size()];
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
                  site::episode, r.episodes(), r.policy(), task, r.maxSteps(), r.seed());
      episode.thenApply(
          s -> {
            progress =
                new Progress(
                    progress.done() + 1,
                    progress.successes() + (s.success() ? 1 : 0),
                    progress.tasks());
            return s;
          });
      all.add(episode);
      running.add(episode);
    }
    List<EpisodeSummary> episodes = new ArrayList<>();
    for (Promise<EpisodeSummary> p : all) {
      episodes.add(p.get());
    }
    return EvaluationResult.of(r, tasks, episodes, r.withSearch() ? List.of(trees) : List.of());
  }
}
