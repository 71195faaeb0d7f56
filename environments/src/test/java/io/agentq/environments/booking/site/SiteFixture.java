package io.agentq.environments.booking.site;

import io.agentq.environments.booking.BookingFixture;
import io.agentq.environments.shop.Html;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The booking fixture's world (Osteria Luna; task 0 the anniversary, bookable only at 19:30 indoor,
 * 20:00 outdoor or 20:00 indoor; task 1 the party of four, unbookable) on a site served by the
 * test, and plain HTTP helpers that do not follow redirects.
 */
final class SiteFixture {
  static final BookingData WORLD =
      new BookingData(
          BookingFixture.CATALOG, List.of(BookingFixture.ANNIVERSARY, BookingFixture.FULL));
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern REWARD =
      Pattern.compile("<meta name=\"agentq:reward\" content=\"([^\"]*)\">");

  private SiteFixture() {}

  static BookingServer start(BookingServer.Options options) {
    return BookingServer.start(WORLD, 0, options);
  }

  static HttpResponse<String> get(BookingServer site, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(site.baseUrl() + pathAndQuery)).GET());
  }

  /** A form POST, with an Idempotency-Key and an episode header when they are not null. */
  static HttpResponse<String> post(
      BookingServer site, String path, Map<String, String> form, String key, String episode) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(site.baseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Html.query(form).substring(1)));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (episode != null) {
      b.header(BookingServer.EPISODE, episode);
    }
    return send(b);
  }

  static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(r.body()));
  }

  /** Opens a session and checks the 303 to its home page. */
  static void open(BookingServer site, int task, String session, boolean sandbox) {
    HttpResponse<String> r =
        get(site, "/start/" + task + "?session=" + session + (sandbox ? "&sandbox=1" : ""));
    if (r.statusCode() != 303 || !location(r).equals("/s/" + session + "/")) {
      throw new AssertionError("cannot open " + session + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** The form of a table on Friday for the anniversary's two, with Ana's details. */
  static Map<String, String> table(String time, String seating) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("r", "Osteria Luna");
    f.put("d", "2026-12-11");
    f.put("n", "2");
    f.put("t", time);
    f.put("st", seating);
    f.put("name", "Ana Costa");
    f.put("phone", "+1 415 555 0123");
    f.put("email", "ana.costa@example.com");
    return f;
  }

  /** The reward a terminal page declares, or null when it declares none. */
  static String reward(String html) {
    Matcher m = REWARD.matcher(html);
    return m.find() ? m.group(1) : null;
  }

  /** The page's visible text, roughly: the body without tags, scripts and styles. */
  static String visibleText(String html) {
    String body = html.substring(html.indexOf("<body>"));
    return body.replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("<[^>]*>", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
