package io.agentq.workers;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The Temporal service a process talks to, and what agentq does differently on the SDK's test
 * server (embedded, or run as a service as the fault run does) and on a real cluster.
 *
 * <p>The test server sends a workflow's next workflow task to the sticky queue of the worker that
 * ran the last one and never moves it back, even when that worker is dead (a real cluster moves it
 * after the sticky schedule-to-start timeout, or at once when nobody polls the sticky queue): a
 * workflow worker killed while an activity of one of its workflows runs would strand that workflow.
 * So the workflow workers of a process that talks to a test server run elsewhere (as a service) ask
 * for no sticky execution: every workflow task goes to the workflow queue with the whole history,
 * and any worker of the queue takes it. The embedded service lives and dies with its own process's
 * workers, so nothing can be stranded there and they keep sticky execution, as do the workers of a
 * real cluster: without it every workflow task replays the whole history, which costs the
 * all-in-one search little (its steps are local activities: few workflow tasks) and an episode with
 * every step on a task queue about half its wall time again (BENCHMARKS.md).
 *
 * @param testServer whether the service is the SDK's test server (it reports no server version)
 * @param embedded whether it is this process's own embedded service
 */
record TemporalService(String target, boolean testServer, boolean embedded) {
  /** The service at {@code target}; {@code embedded}: the test server this process started. */
  static TemporalService of(WorkflowServiceStubs stubs, String target, boolean embedded) {
    if (embedded) {
      return new TemporalService(target, true, true);
    }
    String version =
        stubs
            .blockingStub()
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
            .getServerVersion();
    return new TemporalService(target, version.isEmpty(), false);
  }

  /**
   * The options of the workflow queue's worker: without sticky execution on a test server run
   * elsewhere (a sticky schedule-to-start timeout of zero makes the SDK ask for none).
   *
   * @param sticky null: as the service needs; true or false: forced (bench-search compares them)
   */
  WorkerOptions workflowWorkerOptions(Boolean sticky) {
    boolean on = sticky != null ? sticky : !testServer || embedded;
    return on
        ? WorkerOptions.getDefaultInstance()
        : WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  }
}
