package io.agentq.environments.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small generated shop, loaded once per JVM, and plain HTTP calls on a running server. */
final class ShopFixture {
  private static ShopData data;
  private static NounExtractor nouns;
  static final HttpClient HTTP = HttpClient.newHttpClient(); // redirects are not followed

  private ShopFixture() {}

  static synchronized ShopData data() {
    if (data == null) {
      try {
        Path dir = Files.createTempDirectory("agentq-shop-fixture");
        new CatalogGenerator(31, 5, 2).write(dir);
        data = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }

  static synchronized NounExtractor nouns() {
    if (nouns == null) {
      nouns = new OpenNlpNounExtractor();
    }
    return nouns;
  }

  static ShopServer start(ShopServer.Options options) {
    return ShopServer.start(data(), nouns(), 0, options);
  }

  /** Task 0's target product. */
  static Product target() {
    return data().target(data().goal(0));
  }

  /** A product other than task 0's target. */
  static Product another() {
    return data().catalog().products().stream()
        .filter(p -> !p.asin().equals(target().asin()))
        .findFirst()
        .orElseThrow();
  }

  /** The first value of every option group of {@code p}. */
  static Map<String, String> firstOptions(Product p) {
    Map<String, String> chosen = new LinkedHashMap<>();
    p.options().forEach((group, values) -> chosen.put(group, values.get(0)));
    return chosen;
  }

  static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /**
   * Buy Now as the item page's form posts it, with an Idempotency-Key when {@code key} is not null
   * (sent as given, so a test can send the draft's quoted form).
   */
  static HttpResponse<String> buy(
      ShopServer shop, String session, Product p, Map<String, String> options, String key) {
    StringBuilder form = new StringBuilder("k=x&p=1");
    options.forEach(
        (name, value) ->
            form.append("&o_").append(Html.enc(name)).append('=').append(Html.enc(value)));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(shop.baseUrl() + "/s/" + session + "/buy/" + Html.enc(p.asin())))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(ShopServer.EPISODE, "ep-" + session)
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    if (key != null) {
      b.header(ShopServer.IDEMPOTENCY_KEY, key);
    }
    return send(b);
  }

  static void open(ShopServer shop, String session, boolean sandbox) {
    new ShopSite(shop.baseUrl()).openSession(0, session, sandbox);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
