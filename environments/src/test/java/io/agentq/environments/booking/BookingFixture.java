package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-made restaurant and two tasks on it, whose outcomes are worked out by hand (the booking
 * site's tests serve this world too).
 *
 * <p>Osteria Luna seats every half hour from 17:00 to 21:30: indoors up to 6, outdoors up to 4, at
 * the bar up to 2. On Friday 2026-12-11 these are full: 19:00 indoor, 19:00 outdoor, 19:00 bar,
 * 19:30 outdoor.
 *
 * <ul>
 *   <li>{@link #ANNIVERSARY} (today Monday 12-07): "this Friday at 7pm, on the patio" for two;
 *       hidden: 7:30 and 8 pm also fine, indoors also fine, it's their anniversary. 19:00 outdoor
 *       is full, so an alternative is needed: 19:00 indoor is full, 19:30 outdoor is full, so the
 *       acceptable tables are 19:30 indoor, 20:00 outdoor and 20:00 indoor.
 *   <li>{@link #FULL} (today Monday 12-07): "on Friday at 19:00" for four; hidden: indoors or
 *       outdoors, no other time, vegetarian. Both are full at 19:00: unbookable.
 * </ul>
 */
public final class BookingFixture {
  public static final LocalDate FRIDAY = LocalDate.of(2026, 12, 11);
  public static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

  public static final Restaurant LUNA =
      new Restaurant(
          "Osteria Luna",
          "Italian",
          "Old Town",
          3,
          Map.of(Seating.INDOOR, 6, Seating.OUTDOOR, 4, Seating.BAR, 2),
          LocalTime.of(17, 0),
          LocalTime.of(21, 30),
          Set.of(
              new TableSlot(FRIDAY, LocalTime.of(19, 0), Seating.INDOOR),
              new TableSlot(FRIDAY, LocalTime.of(19, 0), Seating.OUTDOOR),
              new TableSlot(FRIDAY, LocalTime.of(19, 0), Seating.BAR),
              new TableSlot(FRIDAY, LocalTime.of(19, 30), Seating.OUTDOOR)));

  public static final RestaurantCatalog CATALOG =
      new RestaurantCatalog(1, MONDAY, 35, List.of(LUNA));

  public static final UserProfile ANA =
      new UserProfile("Ana Costa", "+1 415 555 0123", "ana.costa@example.com");

  public static final BookingTask ANNIVERSARY =
      new BookingTask(
          0,
          MONDAY,
          "Book a table at Osteria Luna for me and my wife this Friday at 7pm, on the patio.",
          "Osteria Luna",
          true,
          FRIDAY,
          List.of(LocalTime.of(19, 0)),
          2,
          Seating.OUTDOOR,
          ANA,
          new HiddenPreferences(
              List.of(LocalTime.of(19, 30), LocalTime.of(20, 0)),
              List.of(Seating.OUTDOOR, Seating.INDOOR),
              "it's our anniversary",
              ""),
          "this Friday",
          "at 7pm",
          "for me and my wife",
          true);

  public static final BookingTask FULL =
      new BookingTask(
          1,
          MONDAY,
          "Can you get me a reservation at Osteria Luna on Friday at 19:00 for a party of four?",
          "Osteria Luna",
          true,
          FRIDAY,
          List.of(LocalTime.of(19, 0)),
          4,
          null,
          ANA,
          new HiddenPreferences(
              List.of(), List.of(Seating.INDOOR, Seating.OUTDOOR), "", "one of us is vegetarian"),
          "on Friday",
          "at 19:00",
          "for a party of four",
          false);

  private BookingFixture() {}

  public static Reservation reservation(
      BookingTask task, String episode, LocalTime time, Seating seating) {
    return new Reservation(
        task.restaurant(),
        task.date(),
        time,
        task.partySize(),
        seating,
        ANA.name(),
        ANA.phone(),
        ANA.email(),
        task.id(),
        episode,
        Reservation.Status.COMPLETED);
  }
}
