package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restaurant of the booking site with its table inventory. Tables are seated every {@value
 * #SLOT_MINUTES} minutes from {@code opens} to {@code lastSeating}; a slot is free for a party
 * unless it is listed in {@code fullSlots} or the party is larger than the seating takes.
 *
 * @param priceBand 1 to 4, shown as $ to $$$$
 * @param maxParty the seatings offered, each with the largest party it seats
 * @param fullSlots the slots already fully booked before any task starts
 */
public record Restaurant(
    String name,
    String cuisine,
    String area,
    int priceBand,
    Map<Seating, Integer> maxParty,
    LocalTime opens,
    LocalTime lastSeating,
    Set<TableSlot> fullSlots) {
  public static final int SLOT_MINUTES = 30;

  public Restaurant {
    if (maxParty.isEmpty()) {
      throw new IllegalArgumentException(name + ": offers no seating");
    }
    maxParty = java.util.Collections.unmodifiableMap(new EnumMap<>(maxParty));
    fullSlots = Set.copyOf(fullSlots);
  }

  /** The seating times of a day, in order. */
  public List<LocalTime> times() {
    List<LocalTime> out = new ArrayList<>();
    for (LocalTime t = opens; !t.isAfter(lastSeating); t = t.plusMinutes(SLOT_MINUTES)) {
      out.add(t);
    }
    return out;
  }

  public boolean seatsAt(LocalTime time) {
    return !time.isBefore(opens)
        && !time.isAfter(lastSeating)
        && (time.toSecondOfDay() - opens.toSecondOfDay()) % (SLOT_MINUTES * 60) == 0;
  }

  /** Whether a party of {@code party} can have a table at this slot before any task books. */
  public boolean free(LocalDate date, LocalTime time, Seating seating, int party) {
    Integer max = maxParty.get(seating);
    return max != null
        && party <= max
        && seatsAt(time)
        && !fullSlots.contains(new TableSlot(date, time, seating));
  }

  public List<Seating> seatings() {
    return List.copyOf(maxParty.keySet());
  }
}
