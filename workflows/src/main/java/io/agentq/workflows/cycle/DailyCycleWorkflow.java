package io.agentq.workflows.cycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * collect (searched train episodes) -> pairs (node-level, with the replay buffer of earlier cycles)
 * -> train (a TrainingRoundWorkflow child) -> evaluate (dev for the decision, held-out for the
 * report) -> promote (if not worse on dev) -> report.
 */
@WorkflowInterface
public interface DailyCycleWorkflow {
  @WorkflowMethod
  CycleRecord run(CycleRequest request);

  /** Where each step stands, for status and a cluster's UI. */
  @QueryMethod
  CycleRecord progress();
}
