package io.agentq.workflows.evaluation;

import io.agentq.workflows.search.SharedChildren;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/**
 * An evaluation as a child of a cycle or a round, shared by id: two cycles that evaluate the same
 * policy on the same sample run it once. Workflow-side code.
 */
public final class Evaluations {
  private Evaluations() {}

  public static EvaluationResult run(EvaluationRequest request) {
    return SharedChildren.run(
        () ->
            Workflow.newChildWorkflowStub(
                    EvaluationWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(request.workflowId())
                        .setTaskQueue(TaskQueues.WORKFLOW)
                        .setTypedSearchAttributes(Visibility.inherited())
                        .build())
                .run(request));
  }
}
