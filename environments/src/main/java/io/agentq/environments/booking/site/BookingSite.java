package io.agentq.environments.booking.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.environments.shop.Html;
import io.agentq.environments.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a running booking site, for agents and checkers in other processes: opens sessions,
 * reads a task's instruction, looks an Idempotency-Key up and reads every reservation.
 *
 * <p>A site that cannot be reached raises {@link UncheckedIOException}; an answer other than the
 * expected status raises {@link IllegalStateException}. Both name the URL. After a failed or
 * timed-out irreversible request, only {@link #lookup(String)} says whether it took effect.
 */
public final class BookingSite implements Site {
  /** The booking site's environment id. */
  public static final String ENVIRONMENT = "booking";

  private final String baseUrl;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param baseUrl the site's address, e.g. {@code http://127.0.0.1:3001} (a trailing '/' is fine)
   * @param timeout how long one request may take
   */
  public BookingSite(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    // Redirects are not followed: opening a session is known to work by its 303.
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client with a 30 s timeout per request. */
  public BookingSite(String baseUrl) {
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
   * its irreversible requests without recording them. Returns the URL of the session's first page.
   *
   * @throws IllegalStateException if the site does not answer 303 (unknown task, a session id taken
   *     by another task or mode, a bad id)
   */
  @Override
  public String openSession(int taskId, String sessionId, boolean sandbox) {
    String url =
        baseUrl
            + "/start/"
            + taskId
            + "?session="
            + Html.enc(sessionId)
            + (sandbox ? "&sandbox=1" : "");
    HttpResponse<String> r = get(url);
    if (r.statusCode() != 303) {
      throw new IllegalStateException(
          "the booking site did not open session "
              + sessionId
              + " at "
              + url
              + " (HTTP "
              + r.statusCode()
              + ", expected 303): "
              + r.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
    }
    return baseUrl + r.headers().firstValue("Location").orElse("/s/" + Html.enc(sessionId) + "/");
  }

  /** The request of task {@code taskId}: what an episode's agent is told. */
  @Override
  public String instruction(int taskId) {
    return json(baseUrl + "/api/tasks/" + taskId).get("instruction").asText();
  }

  /**
   * What the site knows about an Idempotency-Key: taken (with its record), absent or in progress.
   */
  public KeyLookup<BookingRecord> lookup(String key) {
    String url = baseUrl + "/api/reservations/" + Html.enc(key).replace("+", "%20");
    return read(url, () -> BookingJson.lookupOf(json(url)));
  }

  /**
   * The record under {@code key} as an episode adopts it: the live session's done page, the reward
   * the site gave it, and whether it is what the search chose on its sandbox done page ({@link
   * ChosenBooking}).
   */
  @Override
  public KeyLookup<Held> held(String key, String chosenStateUrl) {
    KeyLookup<BookingRecord> answer = lookup(key);
    if (answer.state() != KeyLookup.State.TAKEN) {
      return new KeyLookup<>(key, answer.state(), null);
    }
    BookingRecord r = answer.record();
    String what =
        r.kind() == BookingRecord.Kind.RESERVATION
            ? "reservation #"
                + r.id()
                + ": "
                + r.reservation().restaurant()
                + " "
                + r.reservation().date()
                + " "
                + r.reservation().time()
                + " for "
                + r.reservation().partySize()
                + ", "
                + r.reservation().seating().label()
            : "answer #" + r.id() + ": '" + r.answer() + "'";
    return new KeyLookup<>(
        key,
        KeyLookup.State.TAKEN,
        new Held(
            r.donePath(), r.reward(), what, ChosenBooking.fromDoneUrl(chosenStateUrl).sameAs(r)));
  }

  /** Every reservation the site holds, oldest first: what {@code BookingCheck} reads. */
  public List<Reservation> reservations() {
    String url = baseUrl + "/api/reservations";
    return read(
        url,
        () -> {
          List<Reservation> out = new ArrayList<>();
          for (JsonNode r : json(url).get("reservations")) {
            out.add(BookingJson.reservationOf(r));
          }
          return out;
        });
  }

  private static <T> T read(String url, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (RuntimeException e) {
      if (e instanceof IllegalStateException || e instanceof UncheckedIOException) {
        throw e;
      }
      throw new IllegalStateException(
          "the booking site at " + url + " answered JSON in another layout: " + e, e);
    }
  }

  private JsonNode json(String url) {
    HttpResponse<String> r = get(url);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "the booking site answered HTTP " + r.statusCode() + " at " + url + ": " + r.body());
    }
    try {
      return BookingJson.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the booking site answered bad JSON at " + url + ": " + r.body(), e);
    }
  }

  private HttpResponse<String> get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach the booking site at " + url + ": " + e + "; is it running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the booking site at " + url, e);
    }
  }
}
