package io.agentq.environments.booking;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables that would fulfil a task, from the restaurant's inventory before any booking. The
 * request's own times with its own seating (or, when it names none, any seating the user accepts)
 * come first; only when none of them is free does any time the user accepts (requested or hidden
 * alternative) with any accepted seating count. So booking an alternative while a requested table
 * is free is a failure: the agent should have taken the requested one. Empty: the task cannot be
 * booked as asked.
 */
public record AcceptableTables(List<TableSlot> slots) {
  public AcceptableTables {
    slots = List.copyOf(slots);
  }

  public static AcceptableTables of(BookingTask task, Restaurant restaurant) {
    List<Seating> first =
        task.seating() != null ? List.of(task.seating()) : task.preferences().seatings();
    List<TableSlot> requested = free(task, restaurant, task.times(), first);
    if (!requested.isEmpty()) {
      return new AcceptableTables(requested);
    }
    Set<LocalTime> all = new LinkedHashSet<>(task.times());
    all.addAll(task.preferences().alternativeTimes());
    return new AcceptableTables(
        free(task, restaurant, List.copyOf(all), task.preferences().seatings()));
  }

  private static List<TableSlot> free(
      BookingTask task, Restaurant r, List<LocalTime> times, List<Seating> seatings) {
    List<TableSlot> out = new ArrayList<>();
    for (LocalTime t : times) {
      for (Seating s : seatings) {
        if (r.free(task.date(), t, s, task.partySize())) {
          out.add(new TableSlot(task.date(), t, s));
        }
      }
    }
    return out;
  }

  public boolean bookable() {
    return !slots.isEmpty();
  }

  public boolean accepts(TableSlot slot) {
    return slots.contains(slot);
  }
}
