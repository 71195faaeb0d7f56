package io.agentq.workflows.search;

/** The named task queues: workers for each can run in one process or many. */
public final class TaskQueues {
  public static final String WORKFLOW = "agentq-workflow";
  public static final String BROWSER = "agentq-browser";
  public static final String POLICY = "agentq-policy";

  /** Training and its evaluations: a GPU worker can take them. */
  public static final String TRAINER = "agentq-trainer";

  private TaskQueues() {}
}
