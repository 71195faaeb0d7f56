package io.agentq.workflows.cycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A cycle's collection: searched train episodes until its budget, a window at a time. */
@WorkflowInterface
public interface CollectWorkflow {
  @WorkflowMethod
  Collection run(Collection from);

  @QueryMethod
  Collection progress();
}
