package io.agentq.workflows.search;

import io.agentq.workflows.visibility.Visibility;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Children whose ids other workflows use too (a policy's evaluation, its searched held-out
 * episodes): when another workflow runs one right now, wait and start it again; once finished, it
 * reads its work back from the store (never done twice). Workflow-side code.
 */
public final class SharedChildren {
  private SharedChildren() {}

  /** Runs {@code start} (which makes a new child stub and calls it) until it is not refused. */
  public static <T> T run(Supplier<T> start) {
    while (true) {
      try {
        return start.get();
      } catch (ChildWorkflowFailure f) {
        if (!(f.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw f;
        }
        Workflow.sleep(Duration.ofSeconds(5));
      }
    }
  }

  /** A searched episode, shared by id. */
  public static EpisodeArtifacts episode(EpisodeRequest request) {
    return run(() -> episodeStub(request.episodeId()).run(request));
  }

  /** The stub of an episode child on the workflow queue. */
  public static SearchEpisodeWorkflow episodeStub(String episodeId) {
    return Workflow.newChildWorkflowStub(
        SearchEpisodeWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(episodeId)
            .setTaskQueue(TaskQueues.WORKFLOW)
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .setTypedSearchAttributes(Visibility.inherited())
            .build());
  }
}
