package io.agentq.environments.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The WebShop-compatible site, served over HTTP on 127.0.0.1 by the JDK's embedded server. A task
 * starts at {@code /start/{taskId}?session=ID}, which opens (or re-opens) session ID on that goal
 * and redirects to its search page. Sessions live in memory for the life of the server.
 */
public final class ShopServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper LEDGER_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final ShopData data;
  private final ShopPages pages;
  private final SearchIndex index;
  private final WebShopReward reward;
  private final Map<String, ShopSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, List<String>> searchCache = new ConcurrentHashMap<>();
  private final HttpServer http;
  private final ExecutorService threads;

  private ShopServer(ShopData data, NounExtractor nouns, int port) throws IOException {
    this.data = data;
    this.pages = new ShopPages(data);
    this.index = new SearchIndex(data.catalog());
    this.reward = new WebShopReward(nouns);
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
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

  /** Starts the shop on {@code port} (0 for any free port). */
  public static ShopServer start(ShopData data, NounExtractor nouns, int port) {
    try {
      return new ShopServer(data, nouns, port);
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

  /** The URL that opens session {@code sessionId} on task {@code taskId}. */
  public String startUrl(int taskId, String sessionId) {
    return baseUrl() + "/start/" + taskId + "?session=" + Html.enc(sessionId);
  }

  /** The URL that opens a sandbox session: Buy Now is simulated there, never recorded. */
  public String sandboxStartUrl(int taskId, String sessionId) {
    return startUrl(taskId, sessionId) + "&sandbox=1";
  }

  /** The purchase of a session, if Buy Now took effect there. */
  public Optional<Purchase> purchase(String sessionId) {
    ShopSession s = sessions.get(sessionId);
    return s == null ? Optional.empty() : s.purchase();
  }

  public WebShopReward reward() {
    return reward;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      URI uri = ex.getRequestURI();
      Map<String, String> params = parse(uri.getRawQuery());
      if (ex.getRequestMethod().equals("POST")) {
        params.putAll(
            parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      }
      String[] parts = uri.getPath().split("/");
      Response r = route(ex.getRequestMethod(), parts, params);
      byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
      String type = r.body.startsWith("{") ? "application/json" : "text/html; charset=utf-8";
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (r.location != null) {
        ex.getResponseHeaders().set("Location", r.location);
      }
      ex.sendResponseHeaders(r.status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    } catch (RuntimeException e) {
      // A bug in a page must not kill the server thread silently.
      e.printStackTrace();
    }
  }

  private record Response(int status, String body, String location) {
    static Response ok(String body) {
      return new Response(200, body, null);
    }

    static Response redirect(String to) {
      return new Response(303, "", to);
    }

    static Response notFound(String what) {
      return new Response(404, Html.page("Not found", null, "<p>" + Html.esc(what) + "</p>"), null);
    }
  }

  private Response route(String method, String[] parts, Map<String, String> params) {
    if (parts.length <= 1) {
      return Response.ok(landing());
    }
    if (parts[1].equals("go")) {
      return Response.redirect("/start/" + Html.enc(params.getOrDefault("task", "0").strip()));
    }
    if (parts[1].equals("start") && parts.length == 3) {
      return start(parts[2], params.get("session"), "1".equals(params.get("sandbox")));
    }
    if (parts[1].equals("api") && parts.length == 4 && parts[2].equals("purchase")) {
      return ledger(parts[3]);
    }
    if (!parts[1].equals("s") || parts.length < 3) {
      return Response.notFound("no such page");
    }
    ShopSession s = sessions.get(parts[2]);
    if (s == null) {
      return Response.notFound("no session " + parts[2] + "; start one at /start/{taskId}");
    }
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
        String asin = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
        Optional<Product> product = data.catalog().product(asin);
        if (product.isEmpty()) {
          return Response.notFound("no product " + asin);
        }
        Map<String, String> chosen = options(product.get(), params);
        if (what.equals("buy")) {
          if (!method.equals("POST")) {
            return Response.notFound("Buy Now is a POST");
          }
          if (s.sandbox) {
            return Response.redirect(
                "/s/" + s.id + "/done" + doneQuery(product.get().asin(), chosen));
          }
          buy(s, product.get(), chosen);
          return Response.redirect("/s/" + s.id + "/done");
        }
        if (parts.length > 5) {
          return Response.ok(pages.subPage(s, at, product.get(), chosen, parts[5]));
        }
        return Response.ok(pages.item(s, at, product.get(), chosen));
      case "done":
        if (s.sandbox) {
          return sandboxDone(s, params);
        }
        return s.purchase()
            .map(p -> Response.ok(pages.done(s, p)))
            .orElse(Response.notFound("nothing was bought in this session yet"));
      default:
        return Response.notFound("no such page");
    }
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

  /** The ledger: a live session's purchase as JSON, for checks before any retry. */
  private Response ledger(String sessionId) {
    ShopSession s = sessions.get(sessionId);
    if (s == null || s.purchase().isEmpty()) {
      return new Response(404, "{}", null);
    }
    Purchase p = s.purchase().get();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("asin", p.asin());
    json.put("price", p.price());
    json.put("reward", p.reward().total());
    json.put("options", p.options());
    try {
      return new Response(200, LEDGER_JSON.writeValueAsString(json), null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
    ShopSession s =
        sessions.computeIfAbsent(id, k -> new ShopSession(k, data.goal(taskId), sandbox));
    if (s.goal.index() != taskId || s.sandbox != sandbox) {
      return Response.notFound(
          "session " + id + " belongs to task " + s.goal.index() + (s.sandbox ? " (sandbox)" : ""));
    }
    return Response.redirect("/s/" + Html.enc(id) + "/");
  }

  private void buy(ShopSession s, Product bought, Map<String, String> chosen) {
    s.buyOnce(purchaseOf(s, bought, chosen));
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
  }
}
