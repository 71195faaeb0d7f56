package io.agentq.infra.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Tracing;
import com.microsoft.playwright.options.LoadState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real headless Chromium page. Before distilling, a script writes the live state into the DOM
 * (values of inputs, checked and selected state) and marks elements that CSS hides, so the
 * serialized DOM carries what a person sees.
 */
public final class PlaywrightDriver implements PageDriver {
  private static final String SNAPSHOT_STATE =
      "() => {"
          + " for (const e of document.querySelectorAll('body *')) {"
          + "   const s = getComputedStyle(e);"
          + "   if (s.display === 'none' || s.visibility === 'hidden')"
          + "     e.setAttribute('"
          + PageDistiller.HIDDEN_MARK
          + "', '1');"
          + "   else e.removeAttribute('"
          + PageDistiller.HIDDEN_MARK
          + "');"
          + "   if (e.tagName === 'INPUT' && (e.type === 'radio' || e.type === 'checkbox')) {"
          + "     if (e.checked) e.setAttribute('checked', ''); else e.removeAttribute('checked'); }"
          + "   if ((e.tagName === 'INPUT' && !['radio','checkbox','submit','button','image',"
          + "        'hidden'].includes(e.type)) || e.tagName === 'TEXTAREA')"
          + "     e.setAttribute('value', e.value);"
          + "   if (e.tagName === 'OPTION') {"
          + "     if (e.selected) e.setAttribute('selected', ''); else e.removeAttribute('selected'); }"
          + " } }";
  private final BrowserContext context;
  private final Page page;
  private final PageDistiller distiller = new PageDistiller();
  private DistilledPage current;

  /**
   * Pages in this driver's history since {@link #open}: BACK never leaves the first page (to the
   * browser's initial blank page), the same rule as the HTTP driver's.
   */
  private int depth;

  PlaywrightDriver(BrowserContext context) {
    this.context = context;
    this.page = context.newPage();
    page.setDefaultTimeout(30_000);
  }

  @Override
  public String name() {
    return "playwright";
  }

  @Override
  public DistilledPage open(String url) {
    page.navigate(url);
    depth = 1;
    return settle();
  }

  @Override
  public DistilledPage click(ElementTarget e, java.util.Map<String, String> headers) {
    if (headers.isEmpty()) {
      page.locator(e.selector()).first().click();
      return settleAfterAction();
    }
    page.setExtraHTTPHeaders(headers);
    try {
      page.locator(e.selector()).first().click();
      return settleAfterAction();
    } finally {
      page.setExtraHTTPHeaders(java.util.Map.of());
    }
  }

  @Override
  public DistilledPage type(ElementTarget e, String text) {
    var box = page.locator(e.selector()).first();
    box.fill(text);
    box.press("Enter");
    return settleAfterAction();
  }

  @Override
  public DistilledPage scroll(boolean down) {
    page.mouse().wheel(0, down ? 600 : -600);
    return settle();
  }

  @Override
  public DistilledPage back() {
    if (depth <= 1) {
      return current;
    }
    page.goBack();
    depth--;
    return settle();
  }

  @Override
  public DistilledPage current() {
    return current;
  }

  /** Waits for the page to load, then distills its live DOM. */
  private DistilledPage settle() {
    page.waitForLoadState(LoadState.LOAD);
    page.evaluate(SNAPSHOT_STATE);
    current = distiller.distill(page.url(), page.content());
    return current;
  }

  /** Settles after an action that may navigate; a new URL is a new history entry. */
  private DistilledPage settleAfterAction() {
    String before = current == null ? null : current.observation().url();
    settle();
    if (!current.observation().url().equals(before)) {
      depth++;
    }
    return current;
  }

  @Override
  public Optional<byte[]> screenshot() {
    return Optional.of(page.screenshot(new Page.ScreenshotOptions().setFullPage(true)));
  }

  @Override
  public boolean startTrace() {
    context
        .tracing()
        .start(
            new Tracing.StartOptions().setScreenshots(true).setSnapshots(true).setSources(false));
    return true;
  }

  @Override
  public byte[] stopTrace() {
    Path zip = null;
    try {
      zip = Files.createTempFile("agentq-trace", ".zip");
      context.tracing().stop(new Tracing.StopOptions().setPath(zip));
      return Files.readAllBytes(zip);
    } catch (IOException e) {
      throw new UncheckedIOException("the Playwright trace could not be read back", e);
    } finally {
      if (zip != null) {
        zip.toFile().delete();
      }
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
