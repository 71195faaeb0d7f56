package io.agentq.environments.ledger;

import java.util.Map;

/**
 * What an irreversible request came to under the key contract ({@link KeyContract}), with the
 * status and headers the site answers with. The site writes the body (its own page or JSON); the
 * status and the replay header are the contract's, so every site answers alike.
 *
 * @param <R> the site's record (an order, a reservation)
 */
public sealed interface KeyedOutcome<R> {
  /** The HTTP status of the answer. */
  int status();

  /** Headers the answer must carry: {@link KeyContract#REPLAYED_HEADER} on a replay. */
  default Map<String, String> headers() {
    return Map.of();
  }

  /** A one-line reason, for sites that answer refusals in plain text or JSON. */
  String reason();

  /** No key was sent: nothing was done. */
  record MissingKey<R>() implements KeyedOutcome<R> {
    @Override
    public int status() {
      return KeyContract.MISSING_KEY;
    }

    @Override
    public String reason() {
      return "this request cannot be undone, so it needs an "
          + KeyContract.KEY_HEADER
          + " header that names it; send one (the same key on every retry). Nothing was done.";
    }
  }

  /** The key was new: this record was written under it. */
  record Created<R>(String key, R record, int status) implements KeyedOutcome<R> {
    @Override
    public String reason() {
      return "done under key " + key;
    }
  }

  /** The key's record existed and the request matched it: the stored outcome again. */
  record Replayed<R>(String key, R record, int status) implements KeyedOutcome<R> {
    @Override
    public Map<String, String> headers() {
      return Map.of(KeyContract.REPLAYED_HEADER, KeyContract.REPLAYED);
    }

    @Override
    public String reason() {
      return "already done under key " + key + ": the stored outcome again";
    }
  }

  /** The key's first request is still being processed: nothing was done by this one. */
  record InFlight<R>(String key) implements KeyedOutcome<R> {
    @Override
    public int status() {
      return KeyContract.IN_FLIGHT;
    }

    @Override
    public String reason() {
      return "an earlier request with key "
          + key
          + " is still being processed; look the key up and retry later with the same key";
    }
  }

  /** The key was used for another request: nothing was done. */
  record Mismatch<R>(String key) implements KeyedOutcome<R> {
    @Override
    public int status() {
      return KeyContract.MISMATCH;
    }

    @Override
    public String reason() {
      return "key " + key + " was used for another request; a different request needs a new key";
    }
  }

  /**
   * The site failed while processing; the transaction was rolled back, so the key and the record
   * are both written or both absent, and a lookup by key says which.
   */
  record Failed<R>(String key, RuntimeException cause) implements KeyedOutcome<R> {
    @Override
    public int status() {
      return KeyContract.FAILED;
    }

    @Override
    public String reason() {
      return "the site failed under key "
          + key
          + ": "
          + cause.getMessage()
          + "; look the key up before retrying with the same key";
    }
  }
}
