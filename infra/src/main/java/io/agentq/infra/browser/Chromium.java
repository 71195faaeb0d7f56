package io.agentq.infra.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright. Never downloads a browser: Playwright is told
 * to skip that, and the executable is the system's. One instance per thread (Playwright is not
 * thread-safe); each episode gets its own {@link PlaywrightDriver} (a fresh browser context).
 */
public final class Chromium implements AutoCloseable {
  public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";
  private final Playwright playwright;
  private final Browser browser;

  public Chromium() {
    this(Path.of(System.getenv().getOrDefault("AGENTQ_CHROMIUM", DEFAULT_EXECUTABLE)));
  }

  public Chromium(Path executable) {
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

  /** A new driver on a fresh browser context that settles pages as {@code settling} says. */
  public PlaywrightDriver newDriver(PlaywrightDriver.Settling settling) {
    return new PlaywrightDriver(browser.newContext(), settling);
  }

  /** A page in a fresh browser context, for tools and tests that drive a page themselves. */
  public com.microsoft.playwright.Page newPage() {
    return browser.newContext().newPage();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
