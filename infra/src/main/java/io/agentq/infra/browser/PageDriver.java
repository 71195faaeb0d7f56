package io.agentq.infra.browser;

/**
 * Operates a web page and returns it distilled after each operation. Implementations: {@link
 * PlaywrightDriver} (a real headless Chromium) and {@link HttpDriver} (plain HTTP for
 * server-rendered sites, no browser).
 */
public interface PageDriver extends AutoCloseable {
  DistilledPage open(String url);

  /** Clicks an element: follows a link, submits a form, toggles a radio or checkbox. */
  default DistilledPage click(ElementTarget element) {
    return click(element, java.util.Map.of());
  }

  /**
   * Clicks an element, sending {@code headers} with the requests the click makes (for example an
   * irreversible action's {@code Idempotency-Key}).
   */
  DistilledPage click(ElementTarget element, java.util.Map<String, String> headers);

  /** Fills a text box with {@code text} and submits its form, as pressing Enter does. */
  DistilledPage type(ElementTarget element, String text);

  DistilledPage scroll(boolean down);

  DistilledPage back();

  DistilledPage current();

  /** A short name for reports: "playwright" or "http". */
  String name();

  /**
   * A PNG of the current page as the browser renders it, whole (not only the viewport: the agent
   * reads the whole page's text); empty for a driver that renders nothing (HTTP).
   */
  default java.util.Optional<byte[]> screenshot() {
    return java.util.Optional.empty();
  }

  /**
   * Starts recording a Playwright trace of this driver's page (actions, screenshots, DOM snapshots,
   * network); false when there is no browser to trace (HTTP), and nothing is recorded.
   */
  default boolean startTrace() {
    return false;
  }

  /** The trace since {@link #startTrace}, as Playwright's {@code trace.zip}. */
  default byte[] stopTrace() {
    throw new IllegalStateException("the " + name() + " driver records no trace");
  }

  /**
   * Puts this driver's browser under {@code guard} (allow-list of hosts, state-changing requests
   * held in a sandbox session) from now on; false when this driver cannot (HTTP: it runs no scripts
   * and follows no redirects of its own accord), and nothing is guarded.
   */
  default boolean guardWith(io.agentq.infra.guard.SiteGuard guard) {
    return false;
  }

  @Override
  void close();
}
