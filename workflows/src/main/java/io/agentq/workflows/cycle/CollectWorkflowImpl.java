package io.agentq.workflows.cycle;

import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SharedChildren;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searched episodes over the cycle's train tasks, {@code window} at a time, each a child. The
 * cycle's data is the shortest prefix of its task order whose interactions reach the budget
 * (rounded up to whole batches when the request asks for batches); results are taken in task order,
 * so the same cycle gives the same data however its children interleave. Every {@link
 * CycleRequest#runEpisodes()} episodes the window drains and the workflow continues as new with
 * where it stands.
 */
public final class CollectWorkflowImpl implements CollectWorkflow {
  /** Train tasks asked of the store at a time. */
  static final int TASK_CHUNK = 64;

  private final CycleActivities store =
      ActivityStubs.of(CycleActivities.class, TaskQueues.WORKFLOW, Duration.ofMinutes(30));

  private Collection at;

  @Override
  public Collection progress() {
    return at;
  }

  @Override
  public Collection run(Collection from) {
    Visibility.open(null, null, from.request().parent());
    try {
      Collection c = collect(from);
      Visibility.close(c.cancelled() ? Visibility.CANCELLED : Visibility.DONE);
      return c;
    } catch (TemporalFailure e) {
      Visibility.closeFailed(e);
      throw e;
    }
  }

  private Collection collect(Collection from) {
    at = from;
    CycleRequest r = from.request();
    EpisodeRequest.Agents agents = new EpisodeRequest.Agents(r.parent(), r.critic(), r.value());
    List<Integer> tasks = new ArrayList<>(); // the task order from index from.done()
    boolean exhausted = false;
    boolean cancelled = false;
    Map<Integer, Promise<EpisodeArtifacts>> running = new HashMap<>();
    int launched = from.done();
    int done = from.done();
    int spent = from.spent();
    int successes = from.successes();
    int overrun = from.overrun();
    int end = from.end();
    List<String> trees = new ArrayList<>(from.trees());
    int limit = from.done() + r.runEpisodes();
    while (true) {
      while (launched < end
          && launched < limit
          && launched - done < Math.max(1, r.window())
          && !exhausted
          && !cancelled) {
        if (store.cancelRequested(r.cycleId())) {
          cancelled = true;
          break;
        }
        int index = launched - from.done();
        if (index >= tasks.size()) {
          List<Integer> more =
              store.trainTasks(
                  r.cycleId(), r.environment(), from.done() + tasks.size(), TASK_CHUNK);
          if (more.isEmpty()) {
            exhausted = true;
            break;
          }
          tasks.addAll(more);
        }
        int task = tasks.get(index);
        running.put(
            launched,
            Async.function(
                SharedChildren::episode,
                EpisodeRequest.of(r.collectedEpisode(task), task, r.search())
                    .with(agents)
                    .on(DailyCycleWorkflowImpl.site(r))));
        launched++;
      }
      if (done == launched) {
        break;
      }
      EpisodeArtifacts a = running.remove(done).get();
      done++;
      if (done <= end) {
        spent += a.summary().interactions();
        successes += a.summary().success() ? 1 : 0;
        trees.add(a.treeKey());
        if (spent >= r.budget() && end == Integer.MAX_VALUE) {
          end = (done + r.batchSize() - 1) / r.batchSize() * r.batchSize();
        }
      } else {
        overrun += a.summary().interactions();
      }
      at = new Collection(r, done, spent, successes, overrun, end, trees, from.runs(), false);
    }
    Collection now =
        new Collection(r, done, spent, successes, overrun, end, trees, from.runs(), cancelled);
    if (!cancelled && !exhausted && done < end && done >= limit) {
      // This run's share is done and the budget is not: go on in a fresh history (options given,
      // none set: the SDK carries the search attributes to the next run).
      Workflow.continueAsNew(
          ContinueAsNewOptions.newBuilder().build(),
          new Collection(r, done, spent, successes, overrun, end, trees, from.runs() + 1, false));
    }
    return now;
  }
}
