package io.agentq.workflows.search;

/** The named task queues: workers for each can run in one process or many. */
public final class TaskQueues {
  public static final String WORKFLOW = "agentq-workflow";

  /** The shop's browser queue (its name from before there were two environments). */
  public static final String BROWSER = "agentq-browser";

  /** The environment ids of the built-in sites. */
  public static final String SHOP = "shop";

  public static final String BOOKING = "booking";

  public static final String POLICY = "agentq-policy";

  /** Training and its evaluations: a GPU worker can take them. */
  public static final String TRAINER = "agentq-trainer";

  private TaskQueues() {}

  /**
   * The browser queue of an environment: the shop's is {@link #BROWSER}, another's is {@code
   * agentq-browser-{environment}}, so a browser worker serves the sites it is started for.
   */
  public static String browser(String environment) {
    return environment == null || environment.equals(SHOP) ? BROWSER : BROWSER + "-" + environment;
  }
}
