package io.agentq.environments.booking;

import java.time.LocalTime;
import java.util.List;

/**
 * What the user wants but does not say in the request; the simulated user tells each part only when
 * asked about it.
 *
 * @param alternativeTimes times outside the request's own that the user would also take, in order
 *     of preference (empty: only the requested times)
 * @param seatings the seatings the user accepts, in order of preference; holds the request's
 *     seating when the request names one
 * @param occasion e.g. "a birthday", or "" when there is none
 * @param dietary e.g. "one of us is vegetarian", or "" when there is none
 */
public record HiddenPreferences(
    List<LocalTime> alternativeTimes, List<Seating> seatings, String occasion, String dietary) {
  public HiddenPreferences {
    alternativeTimes = List.copyOf(alternativeTimes);
    seatings = List.copyOf(seatings);
    if (seatings.isEmpty()) {
      throw new IllegalArgumentException("hidden preferences accept no seating");
    }
  }
}
