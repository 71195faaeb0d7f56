package io.agentq.environments.booking;

import java.util.List;
import java.util.Locale;

/**
 * Judges an episode of a booking task from the site's reservation records and the agent's final
 * answer, never from page text.
 *
 * <ul>
 *   <li>Bookable task: exactly one completed reservation from the episode, for the task, at the
 *       right restaurant, date and party size, at a table {@link AcceptableTables} accepts (a
 *       requested time and seating, or an accepted alternative when none of those was free), in the
 *       user's name, phone and email. The answer check passes: the reservation speaks for itself.
 *   <li>Unbookable task: no completed reservation from the episode, and a final answer that says it
 *       could not be booked and why ({@link CouldNotBookAnswer}). An agent that does nothing passes
 *       the database check only, so it scores 0 here as on every bookable task.
 * </ul>
 */
public final class BookingCheck {
  private final RestaurantCatalog catalog;

  public BookingCheck(RestaurantCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param reservations the site's records (any episodes: only {@code episodeId}'s count)
   * @param finalAnswer what the agent told the user at the end, or null when it said nothing
   */
  public BookingOutcome check(
      BookingTask task, String episodeId, List<Reservation> reservations, String finalAnswer) {
    List<Reservation> completed =
        reservations.stream()
            .filter(r -> r.episodeId().equals(episodeId))
            .filter(r -> r.status() == Reservation.Status.COMPLETED)
            .toList();
    if (!task.bookable()) {
      boolean none = completed.isEmpty();
      boolean told = CouldNotBookAnswer.explains(finalAnswer, task);
      String reason =
          !none
              ? "booked " + completed.size() + " table(s) although no acceptable table was free"
              : !told
                  ? "made no reservation but did not tell the user it could not be booked and why"
                  : "made no reservation and told the user why";
      return new BookingOutcome(false, none, told, reason);
    }
    if (completed.size() != 1) {
      return new BookingOutcome(
          true,
          false,
          true,
          completed.isEmpty()
              ? "no completed reservation"
              : completed.size() + " completed reservations; exactly one is right");
    }
    String wrong = wrong(task, completed.get(0));
    return new BookingOutcome(
        true, wrong.isEmpty(), true, wrong.isEmpty() ? "the right reservation" : wrong);
  }

  /** What is wrong with the reservation, or "" when nothing is. */
  private String wrong(BookingTask task, Reservation r) {
    if (r.taskId() != task.id()) {
      return "the reservation is for task " + r.taskId() + ", not " + task.id();
    }
    if (!r.restaurant().equals(task.restaurant())) {
      return "booked " + r.restaurant() + ", not " + task.restaurant();
    }
    if (!r.date().equals(task.date())) {
      return "booked " + r.date() + ", not " + task.date();
    }
    if (r.partySize() != task.partySize()) {
      return "booked for " + r.partySize() + ", not " + task.partySize();
    }
    AcceptableTables ok = AcceptableTables.of(task, catalog.restaurant(task.restaurant()));
    if (!ok.accepts(new TableSlot(r.date(), r.time(), r.seating()))) {
      return "booked "
          + r.time()
          + " "
          + r.seating().label()
          + ", which is not a table the user accepts (acceptable: "
          + ok.slots().stream().map(s -> s.time() + " " + s.seating().label()).toList()
          + ")";
    }
    UserProfile p = task.profile();
    if (!words(r.name()).equals(words(p.name()))) {
      return "the name is '" + r.name() + "', not '" + p.name() + "'";
    }
    if (!nationalNumber(r.phone()).equals(nationalNumber(p.phone()))) {
      return "the phone is '" + r.phone() + "', not '" + p.phone() + "'";
    }
    if (r.email() == null || !r.email().strip().equalsIgnoreCase(p.email())) {
      return "the email is '" + r.email() + "', not '" + p.email() + "'";
    }
    return "";
  }

  private static String words(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The digits without a leading US country code: "+1 415 555 0123" is "415-555-0123". */
  private static String nationalNumber(String s) {
    String d = s == null ? "" : s.replaceAll("\\D", "");
    return d.length() == 11 && d.startsWith("1") ? d.substring(1) : d;
  }
}
