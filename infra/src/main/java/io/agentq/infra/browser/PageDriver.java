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

  @Override
  void close();
}
