package io.agentq.infra.browser;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.Tracing;
import com.microsoft.playwright.options.LoadState;
import io.agentq.infra.guard.GuardEvent;
import io.agentq.infra.guard.OffSiteRefusal;
import io.agentq.infra.guard.SiteGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real headless Chromium page. Before distilling, a script writes the live state into the DOM
 * (values of inputs, checked and selected state) and marks elements that CSS hides, so the
 * serialized DOM carries what a person sees. Under a {@link SiteGuard} ({@link #guardWith}), every
 * request of its browser context passes the guard first.
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
  private SiteGuard guard;

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
    if (guard != null) {
      guard.actionUnderway("open " + url);
      if (!guard.hosts().allows(url)) {
        throw new OffSiteRefusal(guard.refused("GET", url, true));
      }
    }
    return guarded(
        () -> {
          page.navigate(url);
          depth = 1;
          return settle();
        });
  }

  @Override
  public DistilledPage click(ElementTarget e, java.util.Map<String, String> headers) {
    return guarded(() -> clickNow(e, headers));
  }

  private DistilledPage clickNow(ElementTarget e, java.util.Map<String, String> headers) {
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
    return guarded(() -> typeNow(e, text));
  }

  private DistilledPage typeNow(ElementTarget e, String text) {
    var box = page.locator(e.selector()).first();
    box.fill(text);
    box.press("Enter");
    return settleAfterAction();
  }

  @Override
  public DistilledPage scroll(boolean down) {
    return guarded(
        () -> {
          page.mouse().wheel(0, down ? 600 : -600);
          return settle();
        });
  }

  @Override
  public DistilledPage back() {
    if (depth <= 1) {
      return current;
    }
    return guarded(
        () -> {
          page.goBack();
          depth--;
          return settle();
        });
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
  public boolean guardWith(SiteGuard guard) {
    if (this.guard != null) {
      throw new IllegalStateException("this driver already has a site guard");
    }
    this.guard = guard;
    context.route("**/*", this::pass);
    return true;
  }

  /**
   * Runs one operation under the guard: if the page was sent off the allow-list meanwhile (a link,
   * a redirect, {@code window.location}), it is put back on the page it was on and the operation is
   * refused.
   */
  private DistilledPage guarded(Supplier<DistilledPage> operation) {
    if (guard == null) {
      return operation.get();
    }
    int seen = guard.events().size();
    String before = current == null ? null : current.observation().url();
    DistilledPage after = null;
    PlaywrightException failed = null;
    try {
      after = operation.get();
    } catch (PlaywrightException e) {
      failed = e; // e.g. BACK into a page the guard blocks: a refusal if the guard logged one
    }
    List<GuardEvent> since = guard.events().subList(seen, guard.events().size());
    Optional<GuardEvent> left =
        since.stream()
            .filter(e -> e.kind() == GuardEvent.Kind.REFUSED_HOST && e.navigation())
            .findFirst();
    if (failed != null && left.isEmpty()) {
      throw failed;
    }
    if (left.isEmpty() && !guard.hosts().allows(page.url())) {
      // Reached anyway (e.g. a redirect after a POST, which routing does not see): refuse it now.
      left = Optional.of(guard.refused("GET", page.url(), true));
    }
    if (left.isEmpty()) {
      return after;
    }
    if (before != null && !page.url().equals(before)) {
      putBack(before);
    }
    throw new OffSiteRefusal(left.get());
  }

  /**
   * Returns from the page the browser was sent to (another host, or the error page of a blocked
   * navigation) to {@code before}: back in the history when that leads there, so the refused page
   * leaves no entry that a later BACK would walk into; by opening {@code before} otherwise.
   */
  private void putBack(String before) {
    try {
      page.goBack();
    } catch (PlaywrightException e) {
      // no usable entry behind: opened below
    }
    if (!page.url().equals(before)) {
      page.navigate(before);
    }
    settle();
  }

  /** The guard's decision on one request of this browser context. */
  private void pass(Route route) {
    Request r = route.request();
    String url = r.url();
    boolean navigation = isPageNavigation(r);
    if (!guard.hosts().allows(url)) {
      guard.refused(r.method(), url, navigation);
      route.abort("blockedbyclient");
      return;
    }
    if (guard.holds(r.method())) {
      guard.held(r.method(), url, navigation);
      if (navigation) {
        // 204 No Content: the browser keeps the page it shows (HTML's navigate algorithm), so a
        // held form leaves the page as it was, with no error page to recover from.
        route.fulfill(new Route.FulfillOptions().setStatus(204));
      } else {
        // A script's request fails as if offline: the page does not believe the change happened.
        route.abort("blockedbyclient");
      }
      return;
    }
    if (navigation && r.method().equals("GET")) {
      // The browser follows redirects without asking the route again, so a page's GET is fetched
      // here without following them, and a redirect off the allow-list is refused before anything
      // reaches the other host.
      APIResponse response = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
      String location = response.headers().get("location");
      if (response.status() / 100 == 3 && location != null) {
        String target = URI.create(url).resolve(location).toString();
        if (!guard.hosts().allows(target)) {
          guard.refused("GET", target, true);
          route.abort("blockedbyclient");
          return;
        }
      }
      route.fulfill(new Route.FulfillOptions().setResponse(response));
      return;
    }
    route.resume();
  }

  private boolean isPageNavigation(Request r) {
    try {
      return r.isNavigationRequest() && r.frame() == page.mainFrame();
    } catch (PlaywrightException e) {
      return false; // a request without a frame (a service worker's): not the page's navigation
    }
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
