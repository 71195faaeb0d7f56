package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One reservation as the booking site's database holds it. Only {@link Status#COMPLETED} ones
 * count: the site records a reservation as HELD while the agent fills its details and completes it
 * with the irreversible "complete reservation".
 *
 * @param taskId the task whose episode made it
 * @param episodeId the episode that made it (the site reads it from the request's episode header)
 */
public record Reservation(
    String restaurant,
    LocalDate date,
    LocalTime time,
    int partySize,
    Seating seating,
    String name,
    String phone,
    String email,
    int taskId,
    String episodeId,
    Status status) {
  /** Where a reservation stands. */
  public enum Status {
    HELD,
    COMPLETED,
    CANCELLED
  }
}
