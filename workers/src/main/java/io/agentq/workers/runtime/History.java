package io.agentq.workers.runtime;

import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;

/** Workflow histories archived to the store, in Temporal's own JSON, one file per run. */
public final class History {
  private History() {}

  /**
   * Archives the latest run of {@code workflowId} and the runs it continued from (continue-as-new)
   * under {@code prefix + RUN.json} unless there; a history the service no longer has (an embedded
   * service restarted) is skipped.
   */
  public static void archive(AgentqStack stack, String workflowId, String prefix) {
    String runId = null;
    for (int guard = 0; guard < 10_000; guard++) {
      WorkflowExecutionHistory history;
      try {
        history =
            runId == null
                ? stack.client().fetchHistory(workflowId)
                : stack.client().fetchHistory(workflowId, runId);
      } catch (RuntimeException gone) {
        return; // this service never ran it, or no longer has it
      }
      var started = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
      String run = started.getOriginalExecutionRunId();
      String key = prefix + (run.isEmpty() ? "run" : run) + ".json";
      if (stack.artifacts().store().get(key).isEmpty()) {
        stack
            .artifacts()
            .store()
            .put(key, history.toJson(false).getBytes(StandardCharsets.UTF_8), "application/json");
      }
      runId = started.getContinuedExecutionRunId();
      if (runId.isEmpty()) {
        return;
      }
    }
  }
}
