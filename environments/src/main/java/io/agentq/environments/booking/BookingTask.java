package io.agentq.environments.booking;

import io.agentq.core.Instruction;
import io.agentq.environments.shop.TaskSplit;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A booking task with its hidden fields. The agent gets {@link #instruction()} alone; the site
 * shows {@code today}; the simulated user reads the profile and the preferences; the success check
 * reads everything.
 *
 * @param id the task id: its position in the tasks file, from 0
 * @param today the date relative dates in the request resolve against
 * @param request the request in natural language
 * @param restaurant the target restaurant's name
 * @param restaurantNamed whether the request names it; when not, it names the cuisine and area and
 *     exactly one restaurant of the catalogue has both
 * @param date the date the request means
 * @param times the seating times the request allows (one for an exact time, several for a window)
 * @param seating the seating the request names, or null when it names none
 * @param datePhrase the words of the request that say the date
 * @param timePhrase the words that say the time
 * @param partyPhrase the words that say the party size
 * @param bookable whether some acceptable table is free, from the inventory ({@link
 *     AcceptableTables})
 */
public record BookingTask(
    int id,
    LocalDate today,
    String request,
    String restaurant,
    boolean restaurantNamed,
    LocalDate date,
    List<LocalTime> times,
    int partySize,
    Seating seating,
    UserProfile profile,
    HiddenPreferences preferences,
    String datePhrase,
    String timePhrase,
    String partyPhrase,
    boolean bookable) {
  public BookingTask {
    times = List.copyOf(times);
    if (times.isEmpty()) {
      throw new IllegalArgumentException("task " + id + ": the request allows no time");
    }
    if (partySize < 1) {
      throw new IllegalArgumentException("task " + id + ": party size " + partySize);
    }
    if (date.isBefore(today)) {
      throw new IllegalArgumentException("task " + id + ": date " + date + " before " + today);
    }
    if (seating != null && !preferences.seatings().contains(seating)) {
      throw new IllegalArgumentException(
          "task " + id + ": the request asks for " + seating.label() + " but does not accept it");
    }
  }

  public Instruction instruction() {
    return new Instruction(request);
  }

  /** The split of the task's restaurant: no restaurant is in two splits. */
  public TaskSplit split() {
    return TaskSplit.of(restaurant);
  }

  /** The category the task sampler stratifies by: bookable or not, then the cuisine. */
  public String category(RestaurantCatalog catalog) {
    return (bookable ? "bookable/" : "unbookable/") + catalog.restaurant(restaurant).cuisine();
  }
}
