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
   * The environment a request names; one recorded before environments were named (null) ran on the
   * shop.
   */
  public static String environmentOf(String environment) {
    return environment == null ? SHOP : environment;
  }

  /**
   * The browser queue of an environment: the shop's is {@link #BROWSER}, another's is {@code
   * agentq-browser-{environment}}, so a browser worker serves the sites it is started for.
   */
  public static String browser(String environment) {
    String id = environmentOf(environment);
    return id.equals(SHOP) ? BROWSER : BROWSER + "-" + id;
  }
}
