package io.agentq.environments.shop;

import io.agentq.environments.ledger.Fingerprint;
import io.agentq.environments.ledger.IdempotentEndpoint;
import io.agentq.environments.ledger.KeyContract;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.environments.ledger.KeyedOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Buy Now under the Idempotency-Key contract of the ledger kit ({@link IdempotentEndpoint}): the
 * shop's part is what identifies a purchase (its fingerprint), the order it writes under a new key,
 * and the log entry of every request. The contract itself (400, replay, 409, 422, lookup) is the
 * kit's.
 */
final class IdempotencyKeys {
  /** A new order is answered with a redirect to the session's done page. */
  static final int SEE_OTHER = 303;

  private final OrderBook book;
  private final IdempotentEndpoint<Order> endpoint;

  /**
   * @param commitDelay a fault knob: how long the first request waits before it writes ("the site
   *     is slow"); zero in normal use
   */
  IdempotencyKeys(OrderBook book, Duration commitDelay) {
    this.book = book;
    this.endpoint =
        new IdempotentEndpoint<>(
            book.keyLedger(), book::order, "order", SEE_OTHER, () -> pause(commitDelay));
  }

  /**
   * The request's identity for the key check: the session, the product and the chosen options in
   * name order. Navigation fields (keywords, result page) are not part of what is bought.
   */
  static Order.Request request(String session, String asin, Map<String, String> options) {
    Map<String, String> sorted = new TreeMap<>(options);
    List<Object> canonical = new ArrayList<>(List.of(session, asin));
    sorted.forEach((name, value) -> canonical.add(List.of(name, value)));
    return new Order.Request(Fingerprint.of(canonical), asin, sorted);
  }

  /**
   * Applies the contract to a Buy Now and logs it (a created order's log entry is written in the
   * order's transaction, every other outcome's after it).
   *
   * @param keyHeader the Idempotency-Key header as sent, or null
   */
  KeyedOutcome<Order> buy(String keyHeader, OrderBook.NewOrder order) {
    KeyedOutcome<Order> o =
        endpoint.submit(keyHeader, order.request().fingerprint(), book.orderWriter(order));
    if (o instanceof KeyedOutcome.Created) {
      return o;
    }
    RequestLogEntry.Outcome logged =
        o instanceof KeyedOutcome.MissingKey
            ? RequestLogEntry.Outcome.MISSING_KEY_400
            : o instanceof KeyedOutcome.Replayed
                ? RequestLogEntry.Outcome.REPLAYED
                : o instanceof KeyedOutcome.InFlight
                    ? RequestLogEntry.Outcome.IN_PROGRESS_409
                    : o instanceof KeyedOutcome.Mismatch
                        ? RequestLogEntry.Outcome.MISMATCH_422
                        : RequestLogEntry.Outcome.FAILED_500;
    try {
      book.logRequest(
          KeyContract.keyOf(keyHeader),
          order.session(),
          order.episode(),
          order.request().fingerprint(),
          logged);
    } catch (RuntimeException again) {
      if (o instanceof KeyedOutcome.Failed<Order> f) {
        f.cause().addSuppressed(again); // the first failure is the one to report
        return o;
      }
      throw again;
    }
    return o;
  }

  /** What the shop knows about a key ({@code GET /api/orders/{key}}). */
  OrderLookup lookup(String key) {
    KeyLookup<Order> l = endpoint.lookup(key);
    return new OrderLookup(key, OrderLookup.State.valueOf(l.state().name()), l.record());
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
