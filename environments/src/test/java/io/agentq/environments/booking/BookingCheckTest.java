package io.agentq.environments.booking;

import static io.agentq.environments.booking.BookingFixture.ANNIVERSARY;
import static io.agentq.environments.booking.BookingFixture.CATALOG;
import static io.agentq.environments.booking.BookingFixture.FULL;
import static io.agentq.environments.booking.BookingFixture.LUNA;
import static io.agentq.environments.booking.BookingFixture.reservation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The success check on hand-made reservations for the fixture's two tasks (see BookingFixture). */
class BookingCheckTest {
  static final String EP = "ep-1";
  static final BookingCheck CHECK = new BookingCheck(CATALOG);

  @Test
  void theFixtureIsWhatTheInventorySays() {
    AcceptableTables ok = AcceptableTables.of(ANNIVERSARY, LUNA);
    assertEquals(
        List.of(
            new TableSlot(BookingFixture.FRIDAY, LocalTime.of(19, 30), Seating.INDOOR),
            new TableSlot(BookingFixture.FRIDAY, LocalTime.of(20, 0), Seating.OUTDOOR),
            new TableSlot(BookingFixture.FRIDAY, LocalTime.of(20, 0), Seating.INDOOR)),
        ok.slots());
    assertFalse(AcceptableTables.of(FULL, LUNA).bookable());
  }

  @Test
  void bookable() {
    LocalTime half = LocalTime.of(19, 30);
    assertEquals(
        1.0,
        reward(ANNIVERSARY, List.of(reservation(ANNIVERSARY, EP, half, Seating.INDOOR)), null));
    assertEquals(
        1.0,
        reward(
            ANNIVERSARY,
            List.of(reservation(ANNIVERSARY, EP, LocalTime.of(20, 0), Seating.OUTDOOR)),
            ""));
    // The requested 19:00 outdoor is full: the site could not have taken it, but were it recorded,
    // it is not an acceptable table.
    assertEquals(
        0.0,
        reward(
            ANNIVERSARY,
            List.of(reservation(ANNIVERSARY, EP, LocalTime.of(19, 0), Seating.OUTDOOR)),
            ""));
    // Wrong time: 20:30 is neither requested nor an accepted alternative.
    assertEquals(
        0.0,
        reward(
            ANNIVERSARY,
            List.of(reservation(ANNIVERSARY, EP, LocalTime.of(20, 30), Seating.INDOOR)),
            ""));
    // Accepted time, seating the user does not accept.
    assertEquals(
        0.0, reward(ANNIVERSARY, List.of(reservation(ANNIVERSARY, EP, half, Seating.BAR)), ""));
    // Two reservations, one right: not exactly one.
    BookingOutcome two =
        CHECK.check(
            ANNIVERSARY,
            EP,
            List.of(
                reservation(ANNIVERSARY, EP, half, Seating.INDOOR),
                reservation(ANNIVERSARY, EP, LocalTime.of(20, 0), Seating.INDOOR)),
            "Booked.");
    assertEquals(0.0, two.reward());
    assertTrue(two.reason().contains("2 completed reservations"), two.reason());
    // None: an agent that does nothing, whatever it says.
    assertEquals(0.0, reward(ANNIVERSARY, List.of(), "Sorry, it is fully booked at 7pm."));
    // Another episode's reservation and a held (never completed) one do not count.
    Reservation other = reservation(ANNIVERSARY, "ep-2", half, Seating.INDOOR);
    Reservation held =
        new Reservation(
            "Osteria Luna",
            BookingFixture.FRIDAY,
            half,
            2,
            Seating.INDOOR,
            "Ana Costa",
            "+1 415 555 0123",
            "ana.costa@example.com",
            0,
            EP,
            Reservation.Status.HELD);
    assertEquals(0.0, reward(ANNIVERSARY, List.of(other, held), ""));
    assertEquals(
        1.0,
        reward(
            ANNIVERSARY,
            List.of(other, held, reservation(ANNIVERSARY, EP, half, Seating.INDOOR)),
            ""));
  }

  @Test
  void anAlternativeDoesNotCountWhileTheRequestedTableIsFree() {
    // Same request for Thursday, where 19:00 outdoor is free: 19:30 indoor is then wrong.
    BookingTask thursday =
        new BookingTask(
            0,
            ANNIVERSARY.today(),
            "Book a table at Osteria Luna for me and my wife this Thursday at 7pm, on the patio.",
            "Osteria Luna",
            true,
            BookingFixture.FRIDAY.minusDays(1),
            ANNIVERSARY.times(),
            2,
            Seating.OUTDOOR,
            ANNIVERSARY.profile(),
            ANNIVERSARY.preferences(),
            "this Thursday",
            "at 7pm",
            "for me and my wife",
            true);
    Reservation alternative =
        new Reservation(
            "Osteria Luna",
            thursday.date(),
            LocalTime.of(19, 30),
            2,
            Seating.INDOOR,
            "Ana Costa",
            "+1 415 555 0123",
            "ana.costa@example.com",
            0,
            EP,
            Reservation.Status.COMPLETED);
    assertEquals(0.0, CHECK.check(thursday, EP, List.of(alternative), "").reward());
    Reservation requested =
        new Reservation(
            "Osteria Luna",
            thursday.date(),
            LocalTime.of(19, 0),
            2,
            Seating.OUTDOOR,
            "ana costa",
            "415-555-0123",
            "Ana.Costa@example.com",
            0,
            EP,
            Reservation.Status.COMPLETED);
    assertEquals(1.0, CHECK.check(thursday, EP, List.of(requested), "").reward());
  }

  @Test
  void wrongDetails() {
    LocalTime half = LocalTime.of(19, 30);
    Reservation r = reservation(ANNIVERSARY, EP, half, Seating.INDOOR);
    assertEquals(0.0, reward(ANNIVERSARY, List.of(withParty(r, 3)), ""));
    assertEquals(
        0.0, reward(ANNIVERSARY, List.of(withDetails(r, "Ana Cost", r.phone(), r.email())), ""));
    assertEquals(
        0.0,
        reward(ANNIVERSARY, List.of(withDetails(r, r.name(), "+1 415 555 0124", r.email())), ""));
    assertEquals(
        0.0,
        reward(ANNIVERSARY, List.of(withDetails(r, r.name(), r.phone(), "ana@example.com")), ""));
  }

  @Test
  void unbookable() {
    String told =
        "I couldn't book Osteria Luna: Friday at 7 pm is fully booked, indoors and outside.";
    assertEquals(1.0, reward(FULL, List.of(), told));
    assertEquals(
        1.0,
        reward(
            FULL,
            List.of(),
            "There is no table for four at 19:00 on Friday, so I did not book anything."));
    assertEquals(
        1.0,
        reward(FULL, List.of(), "Sorry, I was unable to reserve: everything at 7pm is taken."));
    // None + no answer, or an answer that gives no reason and no time.
    assertEquals(0.0, reward(FULL, List.of(), null));
    assertEquals(0.0, reward(FULL, List.of(), ""));
    assertEquals(0.0, reward(FULL, List.of(), "I couldn't do it."));
    assertEquals(0.0, reward(FULL, List.of(), "All done, enjoy your dinner!"));
    // A reservation, even with the right explanation, fails the database check.
    BookingOutcome booked =
        CHECK.check(
            FULL, EP, List.of(reservation(FULL, EP, LocalTime.of(20, 0), Seating.INDOOR)), told);
    assertEquals(0.0, booked.reward());
    assertFalse(booked.reservationOk());
    assertTrue(booked.answerOk());
    // The database check alone would pass an agent that does nothing; the product does not.
    BookingOutcome nothing = CHECK.check(FULL, EP, List.of(), null);
    assertTrue(nothing.reservationOk());
    assertEquals(0.0, nothing.reward());
  }

  private static double reward(BookingTask task, List<Reservation> rs, String answer) {
    return CHECK.check(task, EP, rs, answer).reward();
  }

  private static Reservation withParty(Reservation r, int party) {
    return new Reservation(
        r.restaurant(),
        r.date(),
        r.time(),
        party,
        r.seating(),
        r.name(),
        r.phone(),
        r.email(),
        r.taskId(),
        r.episodeId(),
        r.status());
  }

  private static Reservation withDetails(Reservation r, String name, String phone, String email) {
    return new Reservation(
        r.restaurant(),
        r.date(),
        r.time(),
        r.partySize(),
        r.seating(),
        name,
        phone,
        email,
        r.taskId(),
        r.episodeId(),
        r.status());
  }
}
