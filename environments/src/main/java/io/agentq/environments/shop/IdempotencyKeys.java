package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Idempotency-Key contract of Buy Now (IETF draft "The Idempotency-Key HTTP Header Field", as
 * payment APIs have it): the first request with a key makes the order; the same key with the same
 * request gets that order again; the same key while its first request runs gets "in progress"; the
 * same key with another request gets "mismatch" and nothing is made.
 *
 * <p>Two guards keep one order per key: the keys being processed by this process (so a duplicate
 * arriving during the first request's work is turned away at once), and the database, where the
 * key's row is checked and written with the order in one write transaction (which holds across
 * processes on the same file).
 */
final class IdempotencyKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrderBook book;
  private final Duration commitDelay;

  /** Keys whose first request is being processed in this process, with that request's print. */
  private final Map<String, String> inProgress = new ConcurrentHashMap<>();

  /** What a Buy Now under a key came to. */
  sealed interface Outcome {
    /** The key was new: this order was made. */
    record Created(Order order) implements Outcome {}

    /** The key's order existed and the request matched: the stored outcome. */
    record Replayed(Order order) implements Outcome {}

    /** The key's first request is still running. */
    record InProgress() implements Outcome {}

    /** The key was used for another request. */
    record Mismatch() implements Outcome {}
  }

  /**
   * @param commitDelay a fault knob: how long the first request waits before it writes ("the site
   *     is slow"); zero in normal use
   */
  IdempotencyKeys(OrderBook book, Duration commitDelay) {
    this.book = book;
    this.commitDelay = commitDelay;
  }

  /**
   * The request's identity for the key check: the session, the product and the chosen options in
   * name order. Navigation fields (keywords, result page) are not part of what is bought.
   */
  static Order.Request request(String session, String asin, Map<String, String> options) {
    Map<String, String> sorted = new TreeMap<>(options);
    List<Object> canonical = new ArrayList<>(List.of(session, asin));
    sorted.forEach((name, value) -> canonical.add(List.of(name, value)));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return new Order.Request(HexFormat.of().formatHex(digest), asin, sorted);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint a request", e);
    }
  }

  /** Applies the contract to a Buy Now and logs it (the created order's log entry is in its tx). */
  Outcome buy(OrderBook.NewOrder order) {
    Outcome o = decide(order);
    if (!(o instanceof Outcome.Created)) {
      RequestLogEntry.Outcome logged =
          o instanceof Outcome.Replayed
              ? RequestLogEntry.Outcome.REPLAYED
              : o instanceof Outcome.InProgress
                  ? RequestLogEntry.Outcome.IN_PROGRESS_409
                  : RequestLogEntry.Outcome.MISMATCH_422;
      book.logRequest(
          order.key(), order.session(), order.episode(), order.request().fingerprint(), logged);
    }
    return o;
  }

  private Outcome decide(OrderBook.NewOrder order) {
    String key = order.key();
    String print = order.request().fingerprint();
    Optional<OrderBook.StoredKey> done = book.key(key);
    if (done.isPresent()) {
      return settled(done.get(), print);
    }
    String running = inProgress.putIfAbsent(key, print);
    if (running != null) {
      return running.equals(print) ? new Outcome.InProgress() : new Outcome.Mismatch();
    }
    try {
      pause(commitDelay);
      OrderBook.Placement placed = book.place(order, 303);
      if (placed instanceof OrderBook.Placement.Created c) {
        return new Outcome.Created(c.order());
      }
      // Another process on the same file wrote the key first.
      return settled(((OrderBook.Placement.KeyTaken) placed).existing(), print);
    } finally {
      inProgress.remove(key, print);
    }
  }

  private Outcome settled(OrderBook.StoredKey key, String print) {
    if (!key.fingerprint().equals(print)) {
      return new Outcome.Mismatch();
    }
    return new Outcome.Replayed(
        book.order(key.orderId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "key " + key.key() + " names order " + key.orderId() + ", which is gone")));
  }

  /**
   * What the shop knows about a key. The database is read before and after the in-progress map: a
   * request commits before it leaves the map, so a key seen in neither place is truly absent.
   */
  OrderLookup lookup(String key) {
    Optional<OrderBook.StoredKey> stored = book.key(key);
    if (stored.isEmpty()) {
      if (inProgress.containsKey(key)) {
        return new OrderLookup(key, OrderLookup.State.IN_PROGRESS, null);
      }
      stored = book.key(key);
    }
    return stored
        .flatMap(k -> book.order(k.orderId()))
        .map(o -> new OrderLookup(key, OrderLookup.State.TAKEN, o))
        .orElse(new OrderLookup(key, OrderLookup.State.ABSENT, null));
  }

  static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting " + d + " (the shop is closing)");
    }
  }
}
