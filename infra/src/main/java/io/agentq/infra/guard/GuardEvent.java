package io.agentq.infra.guard;

/**
 * One request a {@link SiteGuard} stopped.
 *
 * @param kind why it was stopped
 * @param method the HTTP method
 * @param url the request's URL
 * @param host the {@code host:port} it was for
 * @param navigation whether it would have replaced the page (a link, a form, a redirect, {@code
 *     window.location}), rather than a script's request or a page resource
 * @param action the agent's action, or the page opened, that caused it
 */
public record GuardEvent(
    Kind kind, String method, String url, String host, boolean navigation, String action) {
  /** Why a request was stopped. */
  public enum Kind {
    /** For a host outside the allow-list. */
    REFUSED_HOST,
    /** A state-changing request (POST, PUT, PATCH, DELETE) in a sandbox session. */
    HELD
  }

  @Override
  public String toString() {
    return (kind == Kind.HELD ? "held " : "refused ")
        + method
        + " "
        + url
        + (kind == Kind.REFUSED_HOST ? " (host " + host + " is not on the allow-list)" : "")
        + (kind == Kind.HELD ? " (sandbox session: state-changing requests are not sent)" : "")
        + " after "
        + action;
  }
}
