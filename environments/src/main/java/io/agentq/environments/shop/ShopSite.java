package io.agentq.environments.shop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.environments.ledger.KeyLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A client of a running shop, for agents and checkers in other processes: opens sessions, reads a
 * task's instruction, looks an Idempotency-Key up, and reads the shop's orders and request log.
 *
 * <p>A shop that cannot be reached raises {@link UncheckedIOException}; an answer other than the
 * expected status raises {@link IllegalStateException}. Both name the URL. After a failed or
 * timed-out Buy Now, only {@link #lookup(String)} says whether the order exists.
 */
public final class ShopSite implements io.agentq.environments.site.Site {
  /** The shop's environment id. */
  public static final String ENVIRONMENT = "shop";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final String baseUrl;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param baseUrl the shop's address, e.g. {@code http://127.0.0.1:8080} (a trailing '/' is fine)
   * @param timeout how long one request may take
   */
  public ShopSite(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    // Redirects are not followed: opening a session is known to work by its 303.
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client with a 30 s timeout per request. */
  public ShopSite(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(30));
  }

  @Override
  public String environment() {
    return ENVIRONMENT;
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Opens (or re-opens) session {@code sessionId} on task {@code taskId}; a sandbox session scores
   * Buy Now without recording an order. Returns the URL of the session's first page.
   *
   * @throws IllegalStateException if the shop does not answer 303 (unknown task, a session id taken
   *     by another task or mode, a bad id)
   */
  @Override
  public String openSession(int taskId, String sessionId, boolean sandbox) {
    String url =
        baseUrl + "/start/" + taskId + "?session=" + enc(sessionId) + (sandbox ? "&sandbox=1" : "");
    HttpResponse<String> r = get(url);
    if (r.statusCode() != 303) {
      throw new IllegalStateException(
          "the shop did not open session "
              + sessionId
              + " at "
              + url
              + " (HTTP "
              + r.statusCode()
              + ", expected 303): "
              + r.body().replaceAll("<[^>]*>", " ").strip());
    }
    return baseUrl + r.headers().firstValue("Location").orElse("/s/" + enc(sessionId) + "/");
  }

  /** The instruction text of task {@code taskId}: what an episode's agent is told. */
  @Override
  public String instruction(int taskId) {
    return json(baseUrl + "/api/tasks/" + taskId).get("instruction").asText();
  }

  /**
   * What the shop knows about an Idempotency-Key: taken (with its order), absent or in progress.
   */
  public OrderLookup lookup(String key) {
    return read(baseUrl + "/api/orders/" + enc(key), OrderLookup.class);
  }

  /**
   * The order under {@code key} as an episode adopts it: its done page, reward, and whether it
   * bought what the search chose on its sandbox done page ({@link ChosenPurchase}).
   */
  @Override
  public KeyLookup<Held> held(String key, String chosenStateUrl) {
    OrderLookup answer = lookup(key);
    return switch (answer.state()) {
      case ABSENT -> new KeyLookup<>(key, KeyLookup.State.ABSENT, null);
      case IN_PROGRESS -> new KeyLookup<>(key, KeyLookup.State.IN_PROGRESS, null);
      case TAKEN -> {
        Order order = answer.order();
        ChosenPurchase chosen =
            ChosenPurchase.fromDoneUrl(chosenStateUrl == null ? "" : chosenStateUrl);
        String what =
            "order #"
                + order.orderId()
                + ": "
                + order.asin()
                + (order.options().isEmpty() ? "" : " " + order.options());
        yield new KeyLookup<>(
            key,
            KeyLookup.State.TAKEN,
            new Held(
                "/s/" + order.session() + "/done",
                order.reward(),
                what,
                chosen.sameAs(order.asin(), order.options())));
      }
    };
  }

  /** Every order the shop has taken, oldest first. */
  public List<Order> orders() {
    return Arrays.asList(
        read(baseUrl + "/api/orders", json(baseUrl + "/api/orders").get("orders"), Order[].class));
  }

  /** Every Buy Now request that reached a live session, oldest first. */
  public List<RequestLogEntry> requests() {
    String url = baseUrl + "/api/requests";
    return Arrays.asList(read(url, json(url).get("requests"), RequestLogEntry[].class));
  }

  public ShopInfo info() {
    return read(baseUrl + "/api/info", ShopInfo.class);
  }

  private <T> T read(String url, Class<T> type) {
    return read(url, json(url), type);
  }

  private static <T> T read(String url, JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the shop at " + url + " answered JSON that is not a " + type.getSimpleName(), e);
    }
  }

  private JsonNode json(String url) {
    HttpResponse<String> r = get(url);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "the shop answered HTTP " + r.statusCode() + " at " + url + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("the shop answered bad JSON at " + url + ": " + r.body(), e);
    }
  }

  private HttpResponse<String> get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach the shop at " + url + ": " + e + "; is it running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the shop at " + url, e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
