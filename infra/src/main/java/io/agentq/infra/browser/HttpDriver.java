package io.agentq.infra.browser;

import io.agentq.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A driver without a browser, for server-rendered sites: links are GETs, forms are submitted as a
 * browser would encode them, BACK re-fetches the previous page. A page that says it needs
 * JavaScript ({@code agentq:requires}) is refused with an {@link InputException}. It produces the
 * same observation as {@link PlaywrightDriver} on such sites (tested by the parity test) at a
 * fraction of the cost.
 */
public final class HttpDriver implements PageDriver {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient client;
  private final PageDistiller distiller = new PageDistiller();
  private final Deque<String> history = new ArrayDeque<>();
  private final boolean postsSafeToRepeat;
  private DistilledPage page;

  public HttpDriver() {
    this(newClient());
  }

  /** A client to share between the drivers of one thread: creating one per episode is costly. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(TIMEOUT)
        .build();
  }

  public HttpDriver(HttpClient shared) {
    this(shared, false);
  }

  /**
   * @param postsSafeToRepeat whether a form POST may be sent again when a reused connection drops
   *     under it: true in a sandbox session, where nothing is recorded; never for a live site
   */
  public HttpDriver(HttpClient shared, boolean postsSafeToRepeat) {
    this.client = shared;
    this.postsSafeToRepeat = postsSafeToRepeat;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public DistilledPage open(String url) {
    history.clear();
    return follow(url);
  }

  private DistilledPage follow(String url) {
    return load(HttpRequest.newBuilder(URI.create(url)).GET(), true);
  }

  @Override
  public DistilledPage click(ElementTarget e, Map<String, String> headers) {
    return switch (e.kind()) {
      case "link" ->
          load(withHeaders(HttpRequest.newBuilder(URI.create(e.href())).GET(), headers), true);
      case "submit" -> e.form() == null ? page : submit(e.form(), e, null, null, headers);
      default -> page; // radios, checkboxes and script buttons have no effect without a browser
    };
  }

  private static HttpRequest.Builder withHeaders(
      HttpRequest.Builder b, Map<String, String> headers) {
    headers.forEach(b::header);
    return b;
  }

  @Override
  public DistilledPage type(ElementTarget e, String text) {
    if (e.form() == null) {
      return page;
    }
    return submit(e.form(), null, e.selector(), text, Map.of());
  }

  @Override
  public DistilledPage scroll(boolean down) {
    return page; // the observation holds the whole page, so scrolling changes nothing in it
  }

  @Override
  public DistilledPage back() {
    if (history.size() < 2) {
      return page;
    }
    history.pop();
    return load(HttpRequest.newBuilder(URI.create(history.peek())).GET(), false);
  }

  @Override
  public DistilledPage current() {
    return page;
  }

  private DistilledPage submit(
      ElementTarget.Form form,
      ElementTarget button,
      String typedSelector,
      String typed,
      Map<String, String> headers) {
    List<String> pairs =
        form.fields().stream()
            .map(
                f ->
                    enc(f.name())
                        + "="
                        + enc(f.selector().equals(typedSelector) ? typed : f.value()))
            .collect(Collectors.toList());
    if (button != null && !button.fieldName().isEmpty()) {
      pairs.add(enc(button.fieldName()) + "=" + enc(button.fieldValue()));
    }
    String body = String.join("&", pairs);
    if (form.method().equals("post")) {
      return load(
          withHeaders(
              HttpRequest.newBuilder(URI.create(form.action()))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body)),
              headers),
          true);
    }
    String action = form.action();
    int q = action.indexOf('?');
    String base = q < 0 ? action : action.substring(0, q);
    return load(
        withHeaders(HttpRequest.newBuilder(URI.create(base + "?" + body)).GET(), headers), true);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Attempts of a repeatable request: a reused keep-alive connection may be closed under it. */
  private static final int ATTEMPTS = 3;

  private DistilledPage load(HttpRequest.Builder request, boolean push) {
    HttpRequest built = request.timeout(TIMEOUT).build();
    boolean repeatable = built.method().equals("GET") || postsSafeToRepeat;
    int attempts = repeatable ? ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> r = client.send(built, HttpResponse.BodyHandlers.ofString());
        String url = r.uri().toString();
        DistilledPage loaded = distiller.distill(url, r.body());
        refuseIfScripted(loaded);
        page = loaded;
        // Like Chromium, a navigation to the page already shown adds no history entry.
        if (push && !url.equals(history.peek())) {
          history.push(url);
        }
        return page;
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new UncheckedIOException(
              "HTTP " + built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading a page", e);
      }
    }
  }

  /** The fact a page declares when its controls exist only once its scripts have run. */
  public static final String REQUIRES_JAVASCRIPT = "javascript";

  /**
   * A page that declares {@code <meta name="agentq:requires" content="javascript">} would show this
   * driver none of its controls: refused in one line rather than run as an empty page.
   */
  private static void refuseIfScripted(DistilledPage p) {
    if (REQUIRES_JAVASCRIPT.equals(p.facts().get("requires"))) {
      String site = p.facts().getOrDefault("site", "");
      throw new InputException(
          "the "
              + (site.isBlank() ? "" : site + " ")
              + "site at "
              + p.observation().url()
              + " renders its controls with JavaScript; the http driver cannot run it: use"
              + " --driver playwright");
    }
  }

  @Override
  public void close() {
    history.clear();
  }
}
