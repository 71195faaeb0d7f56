package io.agentq.workers.runtime;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, and as an operator would, terminates workflows stranded by the SDK's test server: it sends
 * a workflow's next workflow task to the sticky task queue of the worker process that ran the last
 * one, and (unlike a real Temporal cluster, which moves the task to the normal queue after the
 * sticky schedule-to-start timeout, 5 s by default) never moves it. When that worker was SIGKILLed
 * while one of the workflow's activities was running, the activity's completion or timeout
 * schedules a workflow task no live worker polls: the history ends in a {@code
 * WorkflowTaskScheduled} that is never started. Terminated, the episode is run again under the same
 * id by the evaluation and resumes from its checkpoint; its purchase is looked up by key.
 */
public final class StrandedWorkflows implements AutoCloseable {
  private static final String NAMESPACE = "default";

  /** A stranded run: its last event is a workflow task scheduled at {@code scheduled}. */
  public record Stranded(String workflowId, String runId, long eventId, Instant scheduled) {}

  private final WorkflowServiceStubs stubs;

  public StrandedWorkflows(String target) {
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /**
   * The running workflows among {@code workflowIds} whose history has ended in a scheduled,
   * unstarted workflow task for longer than {@code age}.
   */
  public List<Stranded> find(List<String> workflowIds, Duration age) {
    List<Stranded> out = new ArrayList<>();
    Instant before = Instant.now().minus(age);
    for (String id : workflowIds) {
      DescribeWorkflowExecutionResponse d;
      try {
        d =
            stubs
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(NAMESPACE)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                        .build());
      } catch (io.grpc.StatusRuntimeException e) {
        continue; // not started yet
      }
      var info = d.getWorkflowExecutionInfo();
      if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        continue;
      }
      HistoryEvent last = lastEvent(info.getExecution());
      if (last != null
          && last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
          && Instant.ofEpochSecond(last.getEventTime().getSeconds(), last.getEventTime().getNanos())
              .isBefore(before)) {
        out.add(
            new Stranded(
                id,
                info.getExecution().getRunId(),
                last.getEventId(),
                Instant.ofEpochSecond(
                    last.getEventTime().getSeconds(), last.getEventTime().getNanos())));
      }
    }
    return out;
  }

  private HistoryEvent lastEvent(WorkflowExecution execution) {
    HistoryEvent last = null;
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(NAMESPACE)
                      .setExecution(execution)
                      .setNextPageToken(page)
                      .build());
      int n = r.getHistory().getEventsCount();
      if (n > 0) {
        last = r.getHistory().getEvents(n - 1);
      }
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return last;
  }

  public void terminate(Stranded s, String reason) {
    stubs
        .blockingStub()
        .terminateWorkflowExecution(
            TerminateWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setWorkflowExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(s.workflowId())
                        .setRunId(s.runId()))
                .setReason(reason)
                .build());
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
