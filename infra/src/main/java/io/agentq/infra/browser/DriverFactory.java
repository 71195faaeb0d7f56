package io.agentq.infra.browser;

import io.agentq.core.InputException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes page drivers of one kind for any thread: "playwright" (a Chromium per thread, as Playwright
 * requires, each episode in a context of its own, warm from an earlier episode and emptied, or new)
 * or "http" (one shared HTTP client).
 */
public final class DriverFactory implements AutoCloseable {
  private final String kind;
  private final PlaywrightDriver.Settling settling;
  private final boolean warmContexts;
  private final List<Chromium> browsers = new ArrayList<>();
  private final ThreadLocal<Chromium> browser = new ThreadLocal<>();
  private volatile HttpClient http;

  public DriverFactory(String kind) {
    this(kind, PlaywrightDriver.Settling.ONE_CALL, true);
  }

  /**
   * Drivers of {@code kind} whose browser pages settle as {@code settling} says, in warm browser
   * contexts handed from episode to episode or, without {@code warmContexts}, each in a new one
   * (benchmarks compare the ways; everything else takes the defaults).
   */
  public DriverFactory(String kind, PlaywrightDriver.Settling settling, boolean warmContexts) {
    this.kind = known(kind);
    this.settling = settling;
    this.warmContexts = warmContexts;
  }

  /** {@code kind} if it names a driver (playwright or http); bad input otherwise. */
  public static String known(String kind) {
    if (!kind.equals("playwright") && !kind.equals("http")) {
      throw new InputException("--driver: unknown driver '" + kind + "' (use playwright or http)");
    }
    return kind;
  }

  public String kind() {
    return kind;
  }

  public PageDriver newDriver() {
    return newDriver(false);
  }

  /**
   * A driver for a sandbox session (nothing is recorded there), whose form posts may be sent again
   * when a connection drops under them.
   */
  public PageDriver newSandboxDriver() {
    return newDriver(true);
  }

  /**
   * A driver for one irreversible request on a live site: over HTTP, on a connection of its own, so
   * the one request that may not be repeated never meets a pooled connection the server already
   * closed.
   */
  public PageDriver newLiveDriver() {
    return kind.equals("http") ? new HttpDriver(HttpDriver.newClient(), false) : newDriver(false);
  }

  private PageDriver newDriver(boolean postsSafeToRepeat) {
    if (kind.equals("http")) {
      if (http == null) {
        synchronized (this) {
          if (http == null) {
            http = HttpDriver.newClient();
          }
        }
      }
      return new HttpDriver(http, postsSafeToRepeat);
    }
    Chromium c = browser.get();
    if (c == null) {
      c = new Chromium(warmContexts);
      browser.set(c);
      synchronized (browsers) {
        browsers.add(c);
      }
    }
    return c.newDriver(settling);
  }

  @Override
  public void close() {
    synchronized (browsers) {
      browsers.forEach(Chromium::close);
      browsers.clear();
    }
  }
}
