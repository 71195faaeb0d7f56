package io.agentq.environments.shop;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the shop knows about an Idempotency-Key ({@code GET /api/orders/{key}}): the one answer an
 * agent may trust after a failure, a timeout or a restart, since a timeout says nothing about
 * whether Buy Now happened.
 *
 * @param key the key asked about
 * @param state taken, absent or in progress
 * @param order the order made under the key when taken, else null
 */
public record OrderLookup(String key, State state, Order order) {
  /** The states of a key at the shop. */
  public enum State {
    /** An order was made under the key; {@link OrderLookup#order()} is it. */
    TAKEN,
    /** No order under the key (never used, or purged after the key retention). */
    ABSENT,
    /** A request with the key is being processed right now: look again shortly. */
    IN_PROGRESS;

    @JsonValue
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
