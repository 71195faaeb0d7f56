package io.agentq.infra.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The net under a browser session on a site that is not one of the built-in ones: the browser stays
 * on an allow-list of hosts, and in a sandbox session (search: expansions and rollouts, everything
 * off the committed path) the page's state-changing requests are held, never sent. Every stopped
 * request is logged and kept in {@link #events()}. A guard belongs to one session (one driver).
 *
 * <p>The built-in shop gets no guard: its sandbox is on the server (an {@code sbx-} session scores
 * Buy Now, a POST, without recording it), so holding its POSTs would break its search.
 */
public final class SiteGuard {
  private static final Logger LOG = LoggerFactory.getLogger(SiteGuard.class);

  /** Methods that change state on a server (RFC 9110's unsafe methods that sites use). */
  public static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final HostAllowList hosts;
  private final boolean holdStateChanges;
  private final List<GuardEvent> events = new ArrayList<>();
  private volatile String action = "(no action yet)";

  /**
   * @param hosts the hosts the browser may reach
   * @param holdStateChanges whether state-changing requests are held: true for a sandbox session,
   *     false for the committed path (live)
   */
  public SiteGuard(HostAllowList hosts, boolean holdStateChanges) {
    this.hosts = hosts;
    this.holdStateChanges = holdStateChanges;
  }

  /** A sandbox session's guard: allow-list on, state-changing requests held. */
  public static SiteGuard sandbox(HostAllowList hosts) {
    return new SiteGuard(hosts, true);
  }

  /** The committed path's guard: allow-list on, requests sent. */
  public static SiteGuard live(HostAllowList hosts) {
    return new SiteGuard(hosts, false);
  }

  public HostAllowList hosts() {
    return hosts;
  }

  public boolean holdsStateChanges() {
    return holdStateChanges;
  }

  /** Names the action now being taken, for the events it causes. */
  public void actionUnderway(String action) {
    this.action = action;
  }

  /** Whether a request with {@code method} is to be held in this session. */
  public boolean holds(String method) {
    return holdStateChanges && STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT));
  }

  /** Records and logs a request refused for its host. */
  public GuardEvent refused(String method, String url, boolean navigation) {
    return record(
        new GuardEvent(
            GuardEvent.Kind.REFUSED_HOST,
            method,
            url,
            HostAllowList.authority(url).orElse(""),
            navigation,
            action));
  }

  /** Records and logs a state-changing request held in a sandbox session. */
  public GuardEvent held(String method, String url, boolean navigation) {
    return record(
        new GuardEvent(
            GuardEvent.Kind.HELD,
            method,
            url,
            HostAllowList.authority(url).orElse(""),
            navigation,
            action));
  }

  private GuardEvent record(GuardEvent e) {
    synchronized (events) {
      events.add(e);
    }
    LOG.warn("site guard: {}", e);
    return e;
  }

  /** Every request stopped so far, oldest first. */
  public List<GuardEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Requests refused for their host. */
  public List<GuardEvent> refusals() {
    return events().stream().filter(e -> e.kind() == GuardEvent.Kind.REFUSED_HOST).toList();
  }

  /** State-changing requests held. */
  public List<GuardEvent> holds() {
    return events().stream().filter(e -> e.kind() == GuardEvent.Kind.HELD).toList();
  }
}
