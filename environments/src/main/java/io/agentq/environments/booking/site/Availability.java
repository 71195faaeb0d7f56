package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Restaurant;
import io.agentq.environments.booking.Seating;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;

/**
 * A restaurant's tables for one party on one day, from its seeded inventory. Bookings made on the
 * site do not take tables away: every episode of a task meets the inventory its task was generated
 * against, so repeated runs (pass^k) face the same choices.
 */
record Availability(Restaurant restaurant, LocalDate date, int party) {
  /** How many other times a full slot suggests. */
  static final int ALTERNATIVES = 4;

  /** The seatings with a table for the party at {@code time}, in the restaurant's order. */
  List<Seating> freeAt(LocalTime time) {
    return restaurant.seatings().stream()
        .filter(s -> restaurant.free(date, time, s, party))
        .toList();
  }

  boolean free(LocalTime time, Seating seating) {
    return restaurant.free(date, time, seating, party);
  }

  /** The nearest other times with some table for the party, nearest first (earlier on a tie). */
  List<LocalTime> alternatives(LocalTime time) {
    return restaurant.times().stream()
        .filter(t -> !t.equals(time) && !freeAt(t).isEmpty())
        .sorted(
            Comparator.comparingLong(
                    (LocalTime t) -> Math.abs(t.toSecondOfDay() - (long) time.toSecondOfDay()))
                .thenComparing(t -> t))
        .limit(ALTERNATIVES)
        .toList();
  }
}
