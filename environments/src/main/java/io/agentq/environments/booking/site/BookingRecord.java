package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Reservation;

/**
 * What one irreversible request of a live booking session recorded under its Idempotency-Key: a
 * completed reservation, or the final answer sent to the user.
 *
 * @param id the record's id in the site's database
 * @param key the Idempotency-Key it was made under
 * @param session the session it was made in
 * @param episodeId the episode (the request's {@code X-Agentq-Episode} header, else the session)
 * @param taskId the session's task
 * @param kind a reservation or an answer
 * @param reservation the reservation when {@code kind} is RESERVATION, else null
 * @param notes the notes for the restaurant that came with a reservation ("" when none)
 * @param answer the text sent to the user when {@code kind} is ANSWER, else null
 * @param reward the episode's reward when the record was made: the task's booking check over the
 *     episode's reservations and this answer (1.0 or 0.0)
 * @param createdAt when it was recorded (ISO-8601)
 */
public record BookingRecord(
    long id,
    String key,
    String session,
    String episodeId,
    int taskId,
    Kind kind,
    Reservation reservation,
    String notes,
    String answer,
    double reward,
    String createdAt) {
  /** What was recorded. */
  public enum Kind {
    RESERVATION,
    ANSWER
  }

  /** The live session's done page, which shows this record. */
  public String donePath() {
    return "/s/" + session + "/done";
  }
}
