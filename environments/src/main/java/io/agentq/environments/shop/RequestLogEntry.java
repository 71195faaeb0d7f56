package io.agentq.environments.shop;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One request that reached Buy Now on a live session, as the shop logged it ({@code GET
 * /api/requests}): what a checker counts to see how many irreversible requests reached the site per
 * key.
 *
 * @param id the log's sequence number, from 1
 * @param key the Idempotency-Key sent (for the legacy keyless start, the implied session key), or
 *     null when none was
 * @param session the live session
 * @param episode the episode that asked (header {@code X-Agentq-Episode}; the session id without
 *     it)
 * @param fingerprint the request's fingerprint (see {@link Order.Request#fingerprint()})
 * @param outcome what the shop did with it
 * @param at when it was logged, ISO-8601 UTC
 */
public record RequestLogEntry(
    long id,
    String key,
    String session,
    String episode,
    String fingerprint,
    Outcome outcome,
    String at) {

  /** What the shop did with a Buy Now request. */
  public enum Outcome {
    /** The first request with its key: an order was made (303 to the done page). */
    CREATED,
    /** The key's order existed and the request matched it: the stored outcome again. */
    REPLAYED,
    /** The key was being processed by an earlier request: 409, nothing made. */
    IN_PROGRESS_409,
    /** The key was used for another request: 422, nothing made. */
    MISMATCH_422,
    /** No Idempotency-Key header: 400, nothing made. */
    MISSING_KEY_400,
    /** The shop failed while processing (500); its database says whether an order exists. */
    FAILED_500;

    @JsonValue
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Outcome ofWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
