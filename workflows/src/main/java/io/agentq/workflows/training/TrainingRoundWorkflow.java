package io.agentq.workflows.training;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Pairs (or trajectories) by key -> train -> evaluate on dev -> report -> promote if not worse. */
@WorkflowInterface
public interface TrainingRoundWorkflow {
  @WorkflowMethod
  RoundResult run(RoundRequest request);
}
