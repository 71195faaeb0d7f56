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
    String[] trees = new String[tasks.size()];
    int window = r.windowOrDefault();
    for (int i = 0; i < tasks.size(); i++) {
      int task = tasks.get(i);
      int at = i;
      while (running(all) >= window) {
        Promise.anyOf(pending(all)).get();
        count(all);
      }
      all.add(
          r.withSearch()
              ? Async.function(
                  t -> {
                    EpisodeArtifacts a = SharedChildren.episode(r.episode(t));
                    trees[at] = a.treeKey();
                    return a.summary();
                  },
                  task)
              : Async.function(
                  site::episode, r.episodes(), r.policy(), task, r.maxSteps(), r.seed()));
    }
    List<EpisodeSummary> episodes = new ArrayList<>();
    for (Promise<EpisodeSummary> p : all) {
      episodes.add(p.get());
      count(all);
    }
    return EvaluationResult.of(r, tasks, episodes, r.withSearch() ? List.of(trees) : List.of());
  }

  private void count(List<Promise<EpisodeSummary>> all) {
    int done = 0;
    int successes = 0;
    for (Promise<EpisodeSummary> p : all) {
      if (p.isCompleted() && p.getFailure() == null) {
        done++;
        successes += p.get().success() ? 1 : 0;
      }
    }
    progress = new Progress(done, successes, progress.tasks());
  }

  private static int running(List<Promise<EpisodeSummary>> all) {
    return pending(all).size();
  }

  private static List<Promise<EpisodeSummary>> pending(List<Promise<EpisodeSummary>> all) {
    List<Promise<EpisodeSummary>> out = new ArrayList<>();
    for (Promise<EpisodeSummary> p : all) {
      if (!p.isCompleted()) {
        out.add(p);
      }
    }
    return out;
  }
}
