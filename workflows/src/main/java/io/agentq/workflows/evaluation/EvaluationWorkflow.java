package io.agentq.workflows.evaluation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A policy on a sample of tasks, with or without search; each episode a child or an activity. */
@WorkflowInterface
public interface EvaluationWorkflow {
  @WorkflowMethod
  EvaluationResult run(EvaluationRequest request);

  /** Episodes finished and succeeded so far, of how many. */
  record Progress(int done, int successes, int tasks) {}

  @QueryMethod
  Progress progress();
}
