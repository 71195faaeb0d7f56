package io.agentq.environments.shop;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentq.environments.ledger.KeyContract;
import io.agentq.environments.ledger.KeyedOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The WebShop-compatible site, served over HTTP on 127.0.0.1 by the JDK's embedded server: a system
 * apart from the agent, with its own durable records (an {@link OrderBook} in one SQLite file). A
 * task starts at {@code /start/{taskId}?session=ID}, which opens (or re-opens) session ID on that
 * goal and redirects to its search page.
 *
 * <p>Buy Now on a live session ({@code POST /s/{session}/buy/{asin}}) follows the Idempotency-Key
 * contract of the ledger kit ({@link KeyContract}, applied by {@link IdempotencyKeys}): without an
 * {@code Idempotency-Key} header it is refused (400); the first request with a key makes the order
 * (303 to the done page); the same request again gets the same answer with {@code
 * Idempotent-Replayed: true}; the same key while its first request runs gets 409; the same key with
 * another request gets 422. A sandbox session ({@code &sandbox=1}) scores Buy Now without recording
 * anything and needs no key. The JSON API ({@link ShopApi}) lets an agent look a key up, and a
 * checker read every order and every Buy Now request.
 */
public final class ShopServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The request header that carries the key of an irreversible request. */
  public static final String IDEMPOTENCY_KEY = KeyContract.KEY_HEADER;

  /** The response header that marks a stored outcome answered again. */
  public static final String IDEMPOTENT_REPLAYED = KeyContract.REPLAYED_HEADER;

  /** The optional request header naming the episode a Buy Now belongs to. */
  public static final String EPISODE = "X-Agentq-Episode";

  /**
   * How a shop keeps its records.
   *
   * @param database the SQLite file of sessions, orders, keys and the request log (created if
   *     missing; a shop started on an existing file knows everything in it)
   * @param commitDelay a fault knob, default zero: how long the first request with a key waits
   *     before it writes its order ("the site is slow"); the key is in progress meanwhile
   * @param replyDelay a fault knob, default zero: how long a new order's answer waits after the
   *     order is written ("the order is recorded but the answer is late")
   * @param keyRetention how long a key is kept, default {@link #KEY_RETENTION}; older keys are
   *     purged when a shop starts (their orders are never deleted)
   */
  public record Options(
      Path database, Duration commitDelay, Duration replyDelay, Duration keyRetention) {
    /** Keys are kept at least 31 days (Adyen's floor), longer than any replay or rerun horizon. */
    public static final Duration KEY_RETENTION = KeyContract.KEY_RETENTION;

    public Options {
      Objects.requireNonNull(database, "the shop needs a database file path");
      requireNonNegative(commitDelay, "commitDelay");
      requireNonNegative(replyDelay, "replyDelay");
      requireNonNegative(keyRetention, "keyRetention");
    }

    private static void requireNonNegative(Duration d, String name) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(
            "the shop's " + name + " must be zero or more, not " + d);
      }
    }

    /** The defaults on {@code database}: no delays, keys kept 31 days, a key required. */
    public static Options at(Path database) {
      return new Options(database, Duration.ZERO, Duration.ZERO, KEY_RETENTION);
    }

    public Options withCommitDelay(Duration d) {
      return new Options(database, d, replyDelay, keyRetention);
    }

    public Options withReplyDelay(Duration d) {
      return new Options(database, commitDelay, d, keyRetention);
    }

    public Options withKeyRetention(Duration d) {
      return new Options(database, commitDelay, replyDelay, d);
    }
  }

  private final ShopData data;
  private final Options options;
  private final ShopPages pages;
  private final SearchIndex index;
  private final WebShopReward reward;
  private final OrderBook book;
  private final IdempotencyKeys keys;
  private final ShopApi api;
  private final Map<String, ShopSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, List<String>> searchCache = new ConcurrentHashMap<>();
  private final HttpServer http;
  private final ExecutorService threads;

  private ShopServer(ShopData data, NounExtractor nouns, int port, Options options)
      throws IOException {
    this.data = data;
    this.options = options;
    this.pages = new ShopPages(data);
    this.reward = new WebShopReward(nouns);
    this.book = OrderBook.open(options.database());
    this.keys = new IdempotencyKeys(book, options.commitDelay());
    this.api = new ShopApi(data, book, keys);
    try {
      book.keyLedger().purgeExpired(options.keyRetention());
      this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException | RuntimeException e) {
      book.close();
      throw e;
    }
    this.index = new SearchIndex(data.catalog());
    this.threads =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "shop-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(threads);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts the shop on {@code port} (0 for any free port) with its records in {@code options}. */
  public static ShopServer start(ShopData data, NounExtractor nouns, int port, Options options) {
    try {
      return new ShopServer(data, nouns, port, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the shop on 127.0.0.1:" + port, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public ShopData data() {
    return data;
  }

  /** The records' file. */
  public Path database() {
    return book.file();
  }

  /** The URL that opens session {@code sessionId} on task {@code taskId}. */
  public String startUrl(int taskId, String sessionId) {
    return baseUrl() + "/start/" + taskId + "?session=" + Html.enc(sessionId);
  }

  /** The URL that opens a sandbox session: Buy Now is simulated there, never recorded. */
  public String sandboxStartUrl(int taskId, String sessionId) {
    return startUrl(taskId, sessionId) + "&sandbox=1";
  }

  /**
   * Legacy view, kept for callers outside this module: a live session's most recent order as a
   * purchase, read from the database. New callers look orders up by key ({@link ShopSite}).
   */
  public Optional<Purchase> purchase(String sessionId) {
    return book.latestOrderOf(sessionId).map(Order::purchase);
  }

  /** The records, for tests in this package. */
  OrderBook orderBook() {
    return book;
  }

  public WebShopReward reward() {
    return reward;
  }

  /** A request as the routes see it: the path split into decoded segments. */
  record Request(String method, String[] parts, Map<String, String> params, Headers headers) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** An answer: status, body and its type, and an optional redirect and extra headers. */
  record Response(
      int status, String body, String type, String location, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";

    static Response ok(String body) {
      return new Response(200, body, HTML, null, Map.of());
    }

    static Response json(int status, String body) {
      return new Response(status, body, JSON, null, Map.of());
    }

    static Response redirect(String to) {
      return new Response(303, "", HTML, to, Map.of());
    }

    static Response page(int status, String title, String message) {
      return new Response(
          status, Html.page(title, null, "<p>" + Html.esc(message) + "</p>"), HTML, null, Map.of());
    }

    static Response notFound(String what) {
      return page(404, "Not found", what);
    }

    Response withHeaders(Map<String, String> extra) {
      if (extra.isEmpty()) {
        return this;
      }
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.putAll(extra);
      return new Response(status, body, type, location, more);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Response r;
      try {
        r = answer(ex);
      } catch (RuntimeException e) {
        // A bug in a page, or the database failing, must not kill the server thread silently.
        e.printStackTrace();
        r = Response.page(500, "Shop error", "the shop failed: " + e.getMessage());
      }
      byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (r.location != null) {
        ex.getResponseHeaders().set("Location", r.location);
      }
      r.headers.forEach(ex.getResponseHeaders()::set);
      ex.sendResponseHeaders(r.status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }

  private Response answer(HttpExchange ex) throws IOException {
    Request req;
    try {
      req = request(ex);
    } catch (IllegalArgumentException e) { // a malformed %-escape in the path, query or form
      return Response.page(400, "Bad request", "cannot read this request: " + e.getMessage());
    }
    return route(req);
  }

  private static Request request(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    Map<String, String> params = parse(uri.getRawQuery());
    if (ex.getRequestMethod().equals("POST")) {
      params.putAll(parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
    // Split the raw path, then decode each segment: a key may hold an encoded '/'.
    String[] parts = uri.getRawPath().split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
    }
    return new Request(ex.getRequestMethod(), parts, params, ex.getRequestHeaders());
  }

  private Response route(Request req) {
    String[] parts = req.parts();
    Map<String, String> params = req.params();
    if (parts.length <= 1) {
      return Response.ok(landing());
    }
    if (parts[1].equals("go")) {
      // A person's browser sends no Idempotency-Key: the form opens a sandbox session.
      return Response.redirect(
          "/start/" + Html.enc(params.getOrDefault("task", "0").strip()) + "?sandbox=1");
    }
    if (parts[1].equals("start") && parts.length == 3) {
      return start(parts[2], params.get("session"), "1".equals(params.get("sandbox")));
    }
    if (parts[1].equals("api")) {
      return api.route(req);
    }
    if (!parts[1].equals("s") || parts.length < 3) {
      return Response.notFound("no such page");
    }
    Optional<ShopSession> found = session(parts[2]);
    if (found.isEmpty()) {
      return Response.notFound("no session " + parts[2] + "; start one at /start/{taskId}");
    }
    ShopSession s = found.get();
    String keywords = params.getOrDefault("k", "");
    int page = parsePage(params.get("p"));
    ShopPages.Place at = new ShopPages.Place(s.id, keywords, page);
    String what = parts.length > 3 ? parts[3] : "";
    switch (what) {
      case "":
        return Response.ok(pages.search(s));
      case "search":
        return Response.ok(pages.results(s, at, search(keywords)));
      case "item":
      case "buy":
        if (parts.length < 5) {
          return Response.notFound("no product given");
        }
        Optional<Product> product = data.catalog().product(parts[4]);
        if (product.isEmpty()) {
          return Response.notFound("no product " + parts[4]);
        }
        Map<String, String> chosen = options(product.get(), params);
        if (what.equals("buy")) {
          if (!req.method().equals("POST")) {
            return Response.notFound("Buy Now is a POST");
          }
          if (s.sandbox) {
            return Response.redirect(
                "/s/" + s.id + "/done" + doneQuery(product.get().asin(), chosen));
          }
          return buy(req, s, product.get(), chosen);
        }
        if (parts.length > 5) {
          return Response.ok(pages.subPage(s, at, product.get(), chosen, parts[5]));
        }
        return Response.ok(pages.item(s, at, product.get(), chosen));
      case "done":
        if (s.sandbox) {
          return sandboxDone(s, params);
        }
        return book.latestOrderOf(s.id)
            .map(o -> Response.ok(pages.done(s, o.purchase())))
            .orElse(Response.notFound("nothing was bought in this session yet"));
      default:
        return Response.notFound("no such page");
    }
  }

  /** Buy Now on a live session, under the Idempotency-Key contract of the ledger kit. */
  private Response buy(Request req, ShopSession s, Product product, Map<String, String> chosen) {
    String episode =
        Optional.ofNullable(req.header(EPISODE)).filter(e -> !e.isBlank()).orElse(s.id);
    Order.Request request = IdempotencyKeys.request(s.id, product.asin(), chosen);
    String header = req.header(IDEMPOTENCY_KEY);
    KeyedOutcome<Order> outcome;
    try {
      outcome =
          keys.buy(
              header,
              new OrderBook.NewOrder(
                  episode, s.id, s.goal.index(), purchaseOf(s, product, chosen), request));
    } catch (RuntimeException e) {
      // Logging the outcome failed: the order, if any, is on file; the log entry says 500.
      String key = KeyContract.keyOf(header);
      if (key == null) {
        throw e; // nothing was bought without a key; the server's catch-all answers 500
      }
      try {
        book.logRequest(
            key, s.id, episode, request.fingerprint(), RequestLogEntry.Outcome.FAILED_500);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      outcome = new KeyedOutcome.Failed<>(key, e);
    }
    return page(outcome, s).withHeaders(outcome.headers());
  }

  /** The shop's page for an outcome of the contract, with the contract's status. */
  private Response page(KeyedOutcome<Order> outcome, ShopSession s) {
    String done = "/s/" + s.id + "/done";
    if (outcome instanceof KeyedOutcome.MissingKey) {
      return Response.page(outcome.status(), "Idempotency-Key required", missingKey(s));
    }
    if (outcome instanceof KeyedOutcome.Created) {
      IdempotencyKeys.pause(options.replyDelay());
      return Response.redirect(done);
    }
    if (outcome instanceof KeyedOutcome.Replayed) {
      return Response.redirect(done);
    }
    if (outcome instanceof KeyedOutcome.InFlight<Order> f) {
      return Response.page(
          outcome.status(),
          "Request in progress",
          "An earlier request with Idempotency-Key "
              + f.key()
              + " is still being processed, so this one was not. Look the key up at"
              + " /api/orders/"
              + Html.enc(f.key())
              + " and, if it is still in progress, retry later with the same key.");
    }
    if (outcome instanceof KeyedOutcome.Mismatch<Order> m) {
      return Response.page(
          outcome.status(),
          "Idempotency-Key reused",
          "Idempotency-Key "
              + m.key()
              + " was already used for another request (another product or options in session "
              + s.id
              + "). Nothing was bought. A different purchase needs a new key.");
    }
    KeyedOutcome.Failed<Order> failed = (KeyedOutcome.Failed<Order>) outcome;
    failed.cause().printStackTrace();
    return Response.page(
        outcome.status(),
        "Shop error",
        "the shop failed while taking the order under key "
            + failed.key()
            + ": "
            + failed.cause().getMessage()
            + ". Look the key up at /api/orders/"
            + Html.enc(failed.key())
            + " before retrying with the same key.");
  }

  private static String missingKey(ShopSession s) {
    return "Buy Now in a live session needs an "
        + IDEMPOTENCY_KEY
        + " header. A purchase cannot be undone, so the shop takes it only under a key that names"
        + " it (IETF draft \"The Idempotency-Key HTTP Header Field\"): a client that does not know"
        + " whether its request went through sends it again with the same key and gets the first"
        + " outcome back, never a second order. Send a key such as {episode}:irreversible:1, or"
        + " use a sandbox session (/start/"
        + s.goal.index()
        + "?sandbox=1), where Buy Now is scored but not recorded. Nothing was bought.";
  }

  /** The session with this id: from the cache, else from the database (after a restart). */
  Optional<ShopSession> session(String id) {
    ShopSession cached = sessions.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    return book.session(id)
        .filter(row -> row.task() >= 0 && row.task() < data.goals().size())
        .map(
            row ->
                sessions.computeIfAbsent(
                    id, k -> new ShopSession(k, data.goal(row.task()), row.sandbox())));
  }

  /** The done page of a sandbox session, computed from its URL: what a purchase would score. */
  private Response sandboxDone(ShopSession s, Map<String, String> params) {
    Optional<Product> p = data.catalog().product(params.getOrDefault("a", ""));
    if (p.isEmpty()) {
      return Response.notFound("no product " + params.get("a"));
    }
    return Response.ok(pages.done(s, purchaseOf(s, p.get(), options(p.get(), params))));
  }

  private static String doneQuery(String asin, Map<String, String> chosen) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("a", asin);
    chosen.forEach((name, value) -> q.put("o_" + name, value));
    return Html.query(q);
  }

  private Response start(String taskText, String sessionId, boolean sandbox) {
    int taskId;
    try {
      taskId = Integer.parseInt(taskText);
    } catch (NumberFormatException e) {
      return Response.notFound("task id must be a number");
    }
    if (taskId < 0 || taskId >= data.goals().size()) {
      return Response.notFound("no task " + taskId);
    }
    String id = sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId;
    if (!id.matches("[A-Za-z0-9_.:-]+")) {
      return Response.notFound("session ids use letters, digits, '_', '.', ':' and '-'");
    }
    ShopSession s = sessions.get(id);
    if (s == null) {
      OrderBook.StoredSession row = book.openSession(id, taskId, sandbox);
      if (row.task() >= data.goals().size()) {
        return Response.notFound(
            "session " + id + " belongs to task " + row.task() + ", which this shop lacks");
      }
      s =
          sessions.computeIfAbsent(
              id, k -> new ShopSession(k, data.goal(row.task()), row.sandbox()));
    }
    if (s.goal.index() != taskId || s.sandbox != sandbox) {
      return Response.notFound(
          "session " + id + " belongs to task " + s.goal.index() + (s.sandbox ? " (sandbox)" : ""));
    }
    return Response.redirect("/s/" + Html.enc(id) + "/");
  }

  private Purchase purchaseOf(ShopSession s, Product bought, Map<String, String> chosen) {
    double price = data.catalog().price(bought.asin());
    RewardBreakdown r = reward.score(s.goal, data.target(s.goal), bought, price, chosen);
    return new Purchase(bought.asin(), chosen, price, r);
  }

  private List<String> search(String keywords) {
    return searchCache.computeIfAbsent(
        keywords.strip().toLowerCase(java.util.Locale.ROOT), index::search);
  }

  /** The options of the URL that name a real group and value of this product, in page order. */
  private static Map<String, String> options(Product p, Map<String, String> params) {
    Map<String, String> chosen = new LinkedHashMap<>();
    p.options()
        .forEach(
            (group, values) -> {
              String v = params.get("o_" + group);
              if (v != null && values.contains(v)) {
                chosen.put(group, v);
              }
            });
    return chosen;
  }

  private static int parsePage(String p) {
    try {
      return p == null ? 1 : Math.max(1, Integer.parseInt(p));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private String landing() {
    return Html.page(
        "agentq shop",
        null,
        "<h1>agentq shop</h1><p>"
            + data.catalog().size()
            + " products, "
            + data.goals().size()
            + " tasks.</p><form method=\"get\" action=\"/go\"><label>Task id <input type=\"text\""
            + " name=\"task\" value=\"0\"></label><button type=\"submit\">Start</button></form>");
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
    index.close();
    book.close();
  }
}
