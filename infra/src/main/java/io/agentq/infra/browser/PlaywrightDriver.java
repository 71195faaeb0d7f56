package io.agentq.infra.browser;

import com.google.gson.JsonObject;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.Tracing;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import io.agentq.infra.guard.GuardEvent;
import io.agentq.infra.guard.OffSiteRefusal;
import io.agentq.infra.guard.SiteGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A real headless Chromium page. Before distilling, a script writes the live state into the DOM
 * (values of inputs, checked and selected state) and marks elements that CSS hides, so the
 * serialized DOM carries what a person sees. Under a {@link SiteGuard} ({@link #guardWith}), every
 * request of its browser context passes the guard first.
 *
 * <p>A page is read once it is ready: when its load event has fired or, for a page that declares
 * its own readiness, when it says so. A page whose script builds its controls declares this in its
 * HTML with a {@value #READY_MARK} attribute on any element (usually {@code <html>} or {@code
 * <body>}) and sets it to {@code "true"} once its controls are in place; the page is then read as
 * soon as no such attribute holds anything but {@code "true"} (after at most {@link
 * #READY_TIMEOUT_MS} ms, it is read as it is).
 */
public final class PlaywrightDriver implements PageDriver {
  /** The attribute by which a page declares, then signals, that its controls are in place. */
  public static final String READY_MARK = "data-agentq-ready";

  /** How long a page that declared its readiness may take to signal it before it is read anyway. */
  public static final int READY_TIMEOUT_MS = 10_000;

  /** How the driver waits for a page and reads it after each operation. */
  public enum Settling {
    /**
     * The path before issue 19: wait for the load event, write the live state into the DOM, then
     * fetch the serialized page: three round trips to the browser. Kept so that {@code bench-steps
     * --variants} can time it against {@link #ONE_CALL} on the same machine at the same time.
     */
    SEPARATE_CALLS,
    /**
     * One script awaits the page's readiness (its own mark, else the load event) inside the page,
     * writes the live state and returns the serialized page: one round trip.
     */
    ONE_CALL
  }

  /** The live state and CSS visibility written into the DOM; the body of both settling paths. */
  private static final String WRITE_STATE =
      " for (const e of document.querySelectorAll('body *')) {"
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
          + " }";

  private static final String SNAPSHOT_STATE = "() => {" + WRITE_STATE + " }";

  /**
   * Awaits readiness in the page, writes the state, returns the page serialized as {@code
   * page.content()} serializes it (doctype, then the root element's outer HTML), so both settling
   * paths distill the same string.
   */
  private static final String READY_STATE_AND_CONTENT =
      "async (timeoutMs) => {"
          + " const pending = () => document.querySelector("
          + "   '["
          + READY_MARK
          + "]:not(["
          + READY_MARK
          + "=\"true\"])');"
          + " if (document.readyState === 'loading')"
          + "   await new Promise(r => document.addEventListener('DOMContentLoaded', r, {once: true}));"
          + " if (document.querySelector('["
          + READY_MARK
          + "]') === null) {"
          + "   if (document.readyState !== 'complete')"
          + "     await new Promise(r => window.addEventListener('load', r, {once: true}));"
          + " } else if (pending()) {"
          + "   await new Promise(r => {"
          + "     const seen = new MutationObserver(() => { if (!pending()) done(); });"
          + "     const late = setTimeout(done, timeoutMs);"
          + "     function done() { clearTimeout(late); seen.disconnect(); r(); }"
          + "     seen.observe(document.documentElement,"
          + "       {attributes: true, childList: true, subtree: true});"
          + "   });"
          + " }"
          + WRITE_STATE
          + " let html = '';"
          + " if (document.doctype) html = new XMLSerializer().serializeToString(document.doctype);"
          + " if (document.documentElement) html += document.documentElement.outerHTML;"
          + " return html;"
          + "}";

  private final BrowserContext context;
  private final Page page;
  private final Settling settling;

  /** Where the context goes back, emptied, when this driver closes; null: it is closed. */
  private final Chromium pool;

  /** Origins of every document any frame of this page loaded: whose storage to empty at close. */
  private final Set<String> origins = new LinkedHashSet<>();

  private boolean tracing;
  private final PageDistiller distiller = new PageDistiller();
  private DistilledPage current;
  private SiteGuard guard;

  /**
   * Pages in this driver's history since {@link #open}: BACK never leaves the first page (to the
   * browser's initial blank page), the same rule as the HTTP driver's.
   */
  private int depth;

  PlaywrightDriver(BrowserContext context, Settling settling, Chromium pool) {
    this.context = context;
    this.settling = settling;
    this.pool = pool;
    this.page = context.newPage();
    page.setDefaultTimeout(30_000);
    page.onFrameNavigated(f -> origin(f.url()).ifPresent(origins::add));
  }

  /** The scheme, host and port of {@code url}; empty for about:, data: and the like. */
  private static Optional<String> origin(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null
          || u.getHost() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        return Optional.empty();
      }
      return Optional.of(
          u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The browser context this driver's page lives in. */
  BrowserContext context() {
    return context;
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
          page.navigate(url, new Page.NavigateOptions().setWaitUntil(arrival()));
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
          page.goBack(new Page.GoBackOptions().setWaitUntil(arrival()));
          depth--;
          return settle();
        });
  }

  @Override
  public DistilledPage current() {
    return current;
  }

  /**
   * What a navigation of this driver waits for before it returns: the load event on the old path;
   * on the new one only the commit, since the settling script then awaits the page's readiness.
   */
  private WaitUntilState arrival() {
    return settling == Settling.ONE_CALL ? WaitUntilState.COMMIT : WaitUntilState.LOAD;
  }

  /** Waits for the page to be ready, then distills its live DOM. */
  private DistilledPage settle() {
    String html;
    if (settling == Settling.SEPARATE_CALLS) {
      page.waitForLoadState(LoadState.LOAD);
      page.evaluate(SNAPSHOT_STATE);
      html = page.content();
    } else {
      html = readyContent();
    }
    current = distiller.distill(page.url(), html);
    return current;
  }

  /**
   * The page serialized once it is ready. A navigation that starts while the script runs (a page
   * that moves on by itself) destroys the script's context: the new page is then waited for and
   * read.
   */
  private String readyContent() {
    for (int attempt = 1; ; attempt++) {
      try {
        return (String) page.evaluate(READY_STATE_AND_CONTENT, READY_TIMEOUT_MS);
      } catch (PlaywrightException e) {
        // Playwright's words: "Execution context was destroyed, most likely because of a
        // navigation"
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("context was destroyed")) {
          throw e;
        }
        page.waitForLoadState(LoadState.LOAD);
      }
    }
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
    tracing = true; // a traced context is not handed to another episode
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

  /**
   * Ends the episode. The context goes back to the pool when nothing of this episode can outlive
   * the emptying: not under a guard (its routes belong to this episode) nor traced; its cookies,
   * permissions, HTTP cache and the storage of every origin its frames loaded (local storage,
   * IndexedDB, cache storage, service workers) are cleared, and this tab is closed with its session
   * storage and history. If any of that fails, the context is closed instead.
   */
  @Override
  public void close() {
    if (pool == null || guard != null || tracing || page.isClosed()) {
      context.close();
      return;
    }
    try {
      CDPSession cdp = context.newCDPSession(page);
      for (String origin : origins) {
        JsonObject clear = new JsonObject();
        clear.addProperty("origin", origin);
        clear.addProperty("storageTypes", "all");
        cdp.send("Storage.clearDataForOrigin", clear);
      }
      cdp.send("Network.clearBrowserCache");
      cdp.detach();
      page.close();
      context.clearCookies();
      context.clearPermissions();
    } catch (PlaywrightException e) {
      context.close();
      return;
    }
    pool.release(context);
  }
}
