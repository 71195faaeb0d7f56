package io.agentq.workflows.training;

import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A collection as a thin script: batch after batch of train tasks, each batch's episodes {@code
 * window} at a time as activities, results in task order; it stops before a batch once the budget
 * or the count is reached, so the data depends on the batches, never on how episodes interleave.
 */
public final class DataWorkflowImpl implements DataWorkflow {
  private final DataActivities site =
      ActivityStubs.heartbeating(
          DataActivities.class, TaskQueues.WORKFLOW, Duration.ofMinutes(15), Duration.ofMinutes(2));

  private Progress progress = new Progress(0, 0);

  @Override
  public Progress progress() {
    return progress;
  }

  @Override
  public DataCollected run(DataRequest r) {
    List<DataEpisode> episodes = new ArrayList<>();
    int interactions = 0;
    int succeeded = 0;
    int tasks = 0;
    int next = r.from();
    while (!r.finished(interactions, succeeded)) {
      List<Integer> batch = site.trainTasks(r.environment(), next, r.batchSize(succeeded));
      if (batch.isEmpty()) {
        break;
      }
      next += batch.size();
      tasks += batch.size();
      List<Promise<DataEpisode>> running = new ArrayList<>();
      int samples = Math.max(1, r.samplesPerTask());
      for (int task : batch) {
        for (int k = 0; k < samples; k++) {
          for (List<Promise<DataEpisode>> p = pending(running);
              p.size() >= Math.max(1, r.window());
              p = pending(running)) {
            Promise.anyOf(p).get();
          }
          running.add(Async.function(site::episode, r, task, k));
        }
      }
      for (Promise<DataEpisode> p : running) {
        DataEpisode e = p.get();
        episodes.add(e);
        interactions += e.interactions();
        succeeded += e.success() ? 1 : 0;
        progress = new Progress(episodes.size(), succeeded);
      }
    }
    return new DataCollected(episodes, tasks, next);
  }

  private static List<Promise<DataEpisode>> pending(List<Promise<DataEpisode>> all) {
    List<Promise<DataEpisode>> out = new ArrayList<>();
    for (Promise<DataEpisode> p : all) {
      if (!p.isCompleted()) {
        out.add(p);
      }
    }
    return out;
  }
}
