package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;

/** One seating at one time on one day: the unit the table inventory counts. */
public record TableSlot(LocalDate date, LocalTime time, Seating seating) {
  /** The compact text form files use: {@code 2026-12-11 19:30 outdoor}. */
  public String text() {
    return date + " " + time + " " + seating.label();
  }

  /**
   * @throws IllegalArgumentException naming the text when it is not {@code yyyy-mm-dd hh:mm
   *     seating}
   */
  public static TableSlot parse(String text) {
    String[] parts = text.strip().split(" ");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "table slot '" + text + "': expected 'yyyy-mm-dd hh:mm seating'");
    }
    try {
      return new TableSlot(
          LocalDate.parse(parts[0]),
          LocalTime.parse(parts[1]),
          Seating.ofLabel(parts[2])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "table slot '" + text + "': unknown seating '" + parts[2] + "'")));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "table slot '" + text + "': bad date or time (" + e.getMessage() + ")");
    }
  }
}
