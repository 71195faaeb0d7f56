package io.agentq.infra.guard;

/**
 * A step the browser refused because the page would have left the allow-list of hosts; the page is
 * back where it was. The environment turns it into an invalid step.
 */
public final class OffSiteRefusal extends RuntimeException {
  private final GuardEvent event;

  public OffSiteRefusal(GuardEvent event) {
    super(
        "refused: the page tried to leave for "
            + event.host()
            + " ("
            + event.method()
            + " "
            + event.url()
            + "), which is not on the allow-list; the page stays where it was");
    this.event = event;
  }

  public GuardEvent event() {
    return event;
  }
}
