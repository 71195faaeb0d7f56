package io.agentq.workers.tools;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workflow's history weighs, over all its runs (continue-as-new included): events, payload
 * bytes, and the largest single payload with the event that carried it. Real clusters warn at 256
 * KB and refuse 2 MB per payload; keeping trees and pages out of history keeps far below that.
 */
public record HistoryStats(
    int runs, int events, long payloadBytes, long largestPayload, String largestAt) {

  public static HistoryStats of(WorkflowClient client, String workflowId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory h = client.fetchHistory(workflowId);
    while (true) {
      runs.add(h);
      String previous =
          h.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        break;
      }
      h = client.fetchHistory(workflowId, previous);
    }
    int events = 0;
    long total = 0;
    long largest = 0;
    String at = "";
    for (WorkflowExecutionHistory run : runs) {
      for (HistoryEvent e : run.getEvents()) {
        events++;
        List<Payload> payloads = new ArrayList<>();
        collect(e, payloads);
        for (Payload p : payloads) {
          long size = p.getSerializedSize();
          total += size;
          if (size > largest) {
            largest = size;
            at = e.getEventType().name() + " #" + e.getEventId();
          }
        }
      }
    }
    return new HistoryStats(runs.size(), events, total, largest, at);
  }

  /** Every Payload anywhere inside a protobuf message. */
  private static void collect(Message m, List<Payload> out) {
    if (m instanceof Payload p) {
      out.add(p);
      return;
    }
    for (var entry : m.getAllFields().entrySet()) {
      Descriptors.FieldDescriptor f = entry.getKey();
      if (f.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (f.isRepeated()) {
        for (Object o : (List<?>) entry.getValue()) {
          collect((Message) o, out);
        }
      } else {
        collect((Message) entry.getValue(), out);
      }
    }
  }
}
