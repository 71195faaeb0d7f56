package io.agentq.infra.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright. Never downloads a browser: Playwright is told
 * to skip that, and the executable is the system's. One instance per thread (Playwright is not
 * thread-safe); each episode gets its own {@link PlaywrightDriver}, in a browser context of its
 * own: a new one, or a warm one an earlier episode left, emptied of cookies, storage, permissions
 * and cache and given a new tab (so no session storage or history either). Starting a context is
 * most of what starting an episode costs (BENCHMARKS.md, "The Playwright step before and after").
 */
public final class Chromium implements AutoCloseable {
  public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

  /** Warm contexts kept for the next episodes: a worker thread runs one episode at a time. */
  static final int MAX_IDLE_CONTEXTS = 2;

  private final Playwright playwright;
  private final Browser browser;
  private final Deque<BrowserContext> idle = new ArrayDeque<>();
  private final boolean warmContexts;

  public Chromium() {
    this(true);
  }

  /**
   * The system's Chromium; with {@code warmContexts} false every driver gets a new context and its
   * context is closed with it (the way before issue 19, kept for {@code bench-steps --variants}).
   */
  public Chromium(boolean warmContexts) {
    this(
        Path.of(System.getenv().getOrDefault("AGENTQ_CHROMIUM", DEFAULT_EXECUTABLE)), warmContexts);
  }

  public Chromium(Path executable) {
    this(executable, true);
  }

  public Chromium(Path executable, boolean warmContexts) {
    this.warmContexts = warmContexts;
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(
          "Chromium not found at "
              + executable
              + ": install Debian's chromium package (bin/setup does) or set AGENTQ_CHROMIUM");
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
  }

  /**
   * A new driver on a fresh browser context: no cookies, history or storage from other episodes.
   */
  public PlaywrightDriver newDriver() {
    return newDriver(PlaywrightDriver.Settling.ONE_CALL);
  }

  /**
   * A new driver, in a warm browser context if one is idle (else a new one), that settles pages as
   * {@code settling} says.
   */
  public PlaywrightDriver newDriver(PlaywrightDriver.Settling settling) {
    BrowserContext warm;
    synchronized (idle) {
      warm = idle.pollFirst();
    }
    return new PlaywrightDriver(
        warm != null ? warm : browser.newContext(), settling, warmContexts ? this : null);
  }

  /**
   * Takes back a context its driver has emptied, for a later episode; closes it when enough are
   * kept.
   */
  void release(BrowserContext emptied) {
    synchronized (idle) {
      if (idle.size() < MAX_IDLE_CONTEXTS) {
        idle.addFirst(emptied);
        return;
      }
    }
    emptied.close();
  }

  /** How many warm contexts wait for an episode (tests check that contexts are reused). */
  int idleContexts() {
    synchronized (idle) {
      return idle.size();
    }
  }

  /** A page in a fresh browser context, for tools and tests that drive a page themselves. */
  public com.microsoft.playwright.Page newPage() {
    return browser.newContext().newPage();
  }

  @Override
  public void close() {
    synchronized (idle) {
      idle.clear(); // closed with the browser
    }
    browser.close();
    playwright.close();
  }
}
