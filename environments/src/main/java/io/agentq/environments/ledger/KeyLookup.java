package io.agentq.environments.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a site knows about an Idempotency-Key: the one answer a client may trust after a failure, a
 * timeout or a restart, since a timeout says nothing about whether the request took effect.
 *
 * @param key the key asked about
 * @param state taken, absent or in progress
 * @param record the record made under the key when taken, else null
 * @param <R> the site's record
 */
public record KeyLookup<R>(String key, State state, R record) {
  /** The states of a key at a site. */
  public enum State {
    /** A record was made under the key; {@link KeyLookup#record()} is it. */
    TAKEN,
    /** No record under the key (never used, or purged after the key retention). */
    ABSENT,
    /** A request with the key is being processed right now: look again shortly. */
    IN_PROGRESS;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
