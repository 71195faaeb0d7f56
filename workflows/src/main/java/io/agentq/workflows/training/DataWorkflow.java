package io.agentq.workflows.training;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Demonstrations, samples or checked episodes on train tasks, until a budget or a count. */
@WorkflowInterface
public interface DataWorkflow {
  @WorkflowMethod
  DataCollected run(DataRequest request);

  /** Episodes finished and succeeded so far. */
  record Progress(int done, int successes) {}

  @QueryMethod
  Progress progress();
}
