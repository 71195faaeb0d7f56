package io.agentq.environments.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the Idempotency-Key contract ({@link KeyContract}) to one irreversible endpoint of a
 * site: the site's HTTP handler passes the key header as sent, the request's {@link Fingerprint}
 * and a {@link RecordWriter} that writes its record, and answers with the {@link KeyedOutcome}'s
 * status and headers.
 *
 * <p>Two guards keep one record per key: the keys being processed by this process (so a duplicate
 * arriving during the first request's work is turned away at once with 409, or 422 if it is another
 * request), and the {@link KeyLedger}, where the key's row is checked and written with the record
 * in one write transaction (which holds across processes on the same file).
 *
 * @param <R> the site's record (an order, a reservation)
 */
public final class IdempotentEndpoint<R> {
  private final KeyLedger ledger;
  private final RecordReader<R> records;
  private final String recordNoun;
  private final int createdStatus;
  private final Runnable beforeWrite;

  /** Keys whose first request is being processed in this process, with that request's print. */
  private final Map<String, String> inFlight = new ConcurrentHashMap<>();

  /**
   * @param ledger the site's keys, in the database its records live in
   * @param records reads a record by the id a key row names
   * @param recordNoun what the site's record is called, for messages ("order", "reservation")
   * @param createdStatus the status a new record is answered with (and replayed with), e.g. 303
   * @param beforeWrite runs after the key is taken as in flight and before the write, outside the
   *     database lock: a fault point ("the site is slow"), a no-op in normal use
   */
  public IdempotentEndpoint(
      KeyLedger ledger,
      RecordReader<R> records,
      String recordNoun,
      int createdStatus,
      Runnable beforeWrite) {
    this.ledger = ledger;
    this.records = records;
    this.recordNoun = recordNoun;
    this.createdStatus = createdStatus;
    this.beforeWrite = beforeWrite;
  }

  /**
   * Applies the contract to one request. Never throws for a failure of the site's write: that is
   * {@link KeyedOutcome.Failed}, after which the key and the record exist both or neither.
   *
   * @param keyHeader the {@link KeyContract#KEY_HEADER} header as sent, or null
   * @param fingerprint the request's fingerprint
   * @param writer writes the site's record, called only for a new key
   */
  public KeyedOutcome<R> submit(String keyHeader, String fingerprint, RecordWriter writer) {
    String key = KeyContract.keyOf(keyHeader);
    if (key == null) {
      return new KeyedOutcome.MissingKey<>();
    }
    try {
      return decide(key, fingerprint, writer);
    } catch (RuntimeException e) {
      return new KeyedOutcome.Failed<>(key, e);
    }
  }

  private KeyedOutcome<R> decide(String key, String print, RecordWriter writer) {
    Optional<KeyRow> done = ledger.find(key);
    if (done.isPresent()) {
      return settled(done.get(), print);
    }
    String running = inFlight.putIfAbsent(key, print);
    if (running != null) {
      return running.equals(print)
          ? new KeyedOutcome.InFlight<>(key)
          : new KeyedOutcome.Mismatch<>(key);
    }
    try {
      beforeWrite.run();
      KeyLedger.Completion c =
          ledger.complete(
              key, print, createdStatus, "place " + withArticle() + " under key " + key, writer);
      if (c instanceof KeyLedger.Completion.Recorded r) {
        // Read after the commit, outside it: a failure here must not look like a lost record.
        return new KeyedOutcome.Created<>(key, record(key, r.recordId()), createdStatus);
      }
      // Another process on the same file wrote the key first.
      return settled(((KeyLedger.Completion.Taken) c).existing(), print);
    } finally {
      inFlight.remove(key, print);
    }
  }

  private KeyedOutcome<R> settled(KeyRow row, String print) {
    if (!row.fingerprint().equals(print)) {
      return new KeyedOutcome.Mismatch<>(row.key());
    }
    return new KeyedOutcome.Replayed<>(row.key(), record(row.key(), row.recordId()), createdStatus);
  }

  private R record(String key, long recordId) {
    return records
        .read(recordId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "key " + key + " names " + recordNoun + " " + recordId + ", which is gone"));
  }

  private String withArticle() {
    return ("aeiou".indexOf(Character.toLowerCase(recordNoun.charAt(0))) >= 0 ? "an " : "a ")
        + recordNoun;
  }

  /**
   * What the site knows about a key. The database is read before and after the in-flight map: a
   * request commits before it leaves the map, so a key seen in neither place is truly absent.
   */
  public KeyLookup<R> lookup(String key) {
    Optional<KeyRow> stored = ledger.find(key);
    if (stored.isEmpty()) {
      if (inFlight.containsKey(key)) {
        return new KeyLookup<>(key, KeyLookup.State.IN_PROGRESS, null);
      }
      stored = ledger.find(key);
    }
    return stored
        .flatMap(k -> records.read(k.recordId()))
        .map(r -> new KeyLookup<>(key, KeyLookup.State.TAKEN, r))
        .orElse(new KeyLookup<>(key, KeyLookup.State.ABSENT, null));
  }
}
