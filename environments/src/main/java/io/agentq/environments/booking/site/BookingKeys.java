package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Reservation;
import io.agentq.environments.ledger.Fingerprint;
import io.agentq.environments.ledger.IdempotentEndpoint;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.environments.ledger.KeyedOutcome;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * "Complete reservation" and "Send answer and finish" under the Idempotency-Key contract of the
 * ledger kit ({@link IdempotentEndpoint}). The site's part is what identifies each request (its
 * fingerprint) and the record it writes; the contract (400, replay, 409, 422, lookup) is the kit's.
 * Both requests share one key space: a key used to complete a reservation and sent again with an
 * answer is another request (422).
 */
final class BookingKeys {
  /** A new record is answered with a redirect to the session's done page. */
  static final int SEE_OTHER = 303;

  private final ReservationBook book;
  private final IdempotentEndpoint<BookingRecord> endpoint;

  /**
   * @param commitDelay a fault knob: how long the first request with a key waits before it writes
   *     ("the site is slow"); zero in normal use
   */
  BookingKeys(ReservationBook book, Duration commitDelay) {
    this.book = book;
    this.endpoint =
        new IdempotentEndpoint<>(
            book.keyLedger(),
            book::record,
            "reservation",
            SEE_OTHER,
            () -> BookingServer.pause(commitDelay));
  }

  /**
   * The identity of a request for the key check: the session and what it books (restaurant, date,
   * time, party, seating, the details and notes) or what it tells the user. Navigation fields and
   * the conversation are not part of it.
   */
  static String fingerprint(ReservationBook.NewRecord r) {
    Reservation x = r.reservation();
    if (x == null) {
      return Fingerprint.of(List.of(r.session(), "answer", r.answer()));
    }
    return Fingerprint.of(
        List.of(
            r.session(),
            "reservation",
            x.restaurant(),
            x.date().toString(),
            x.time().toString(),
            x.partySize(),
            x.seating().label(),
            x.name(),
            x.phone(),
            x.email(),
            r.notes()));
  }

  /**
   * Applies the contract to one request.
   *
   * @param keyHeader the Idempotency-Key header as sent, or null
   * @param reward the task's check over the episode's completed reservations, given the request
   */
  KeyedOutcome<BookingRecord> submit(
      String keyHeader,
      ReservationBook.NewRecord record,
      ToDoubleFunction<List<Reservation>> reward) {
    return endpoint.submit(keyHeader, fingerprint(record), book.writer(record, reward));
  }

  KeyLookup<BookingRecord> lookup(String key) {
    return endpoint.lookup(key);
  }
}
