package io.agentq.workflows.search;

/** The named task queues: workers for each can run in one process or many. */
public final class TaskQueues {
  public static final String WORKFLOW = "agentq-workflow";
  public static final String BROWSER = "agentq-browser";
  public static final String POLICY = "agentq-policy";

  private TaskQueues() {}
}
