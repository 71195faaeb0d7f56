package io.agentq.workflows.search;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The workflows' activity stubs with one retry rule: five attempts, bad input never retried (nor
 * any other failure type named). Workflow-side code.
 */
public final class ActivityStubs {
  private ActivityStubs() {}

  /** Five attempts; {@code InputException} and the {@code alsoFinal} types are not retried. */
  public static ActivityOptions.Builder options(
      String queue, Duration startToClose, String... alsoFinal) {
    String[] finals = new String[alsoFinal.length + 1];
    finals[0] = "io.agentq.core.InputException";
    System.arraycopy(alsoFinal, 0, finals, 1, alsoFinal.length);
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(
            RetryOptions.newBuilder().setMaximumAttempts(5).setDoNotRetry(finals).build());
  }

  /** A stub of {@code type} on {@code queue}. */
  public static <T> T of(Class<T> type, String queue, Duration startToClose) {
    return Workflow.newActivityStub(type, options(queue, startToClose).build());
  }

  /** A stub whose activities heartbeat: one silent for {@code heartbeat} is retried. */
  public static <T> T heartbeating(
      Class<T> type, String queue, Duration startToClose, Duration heartbeat) {
    return Workflow.newActivityStub(
        type, options(queue, startToClose).setHeartbeatTimeout(heartbeat).build());
  }
}
