package io.agentq.environments.booking.site;

import io.agentq.environments.booking.BookingTask;

/**
 * A session of the booking site: one task, live (its irreversible requests are recorded under their
 * Idempotency-Keys) or sandbox (they are scored and nothing is recorded).
 */
record BookingSession(String id, BookingTask task, boolean sandbox) {
  /** The path every page of the session starts with. */
  String prefix() {
    return "/s/" + id;
  }
}
