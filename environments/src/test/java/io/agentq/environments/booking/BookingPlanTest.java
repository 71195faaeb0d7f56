package io.agentq.environments.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expert's plan, carried out as the site would record it, succeeds on every generated task; and
 * on the fixture it is the plan worked out by hand.
 */
class BookingPlanTest {
  @Test
  void theAnniversaryPlanByHand() {
    BookingPlan plan =
        BookingPlan.of(
            BookingFixture.ANNIVERSARY,
            BookingFixture.CATALOG,
            new SimulatedUser(BookingFixture.ANNIVERSARY, BookingFixture.CATALOG, 1));
    List<String> steps = plan.steps().stream().map(PlanStep::toString).toList();
    // 19:00 on the patio is full, which the page shows once 19:00 is picked: try it, ask where
    // else to sit (indoors is fine) and for other times (7:30 or 8 pm), and take the first
    // accepted free table: 19:30 indoors.
    assertEquals(
        List.of(
            "SEARCH Osteria Luna",
            "OPEN_RESTAURANT Osteria Luna",
            "PICK_DATE 2026-12-11",
            "PICK_PARTY_SIZE 2",
            "TRY_TIME 19:00",
            "ASK Where would you like to sit?",
            "ASK The time you asked for is full. Could you do another time?",
            "PICK_TIME 19:30",
            "PICK_SEATING indoor"),
        steps.subList(0, 9));
    assertTrue(steps.contains("FILL_NOTES Yes: it's our anniversary."), steps.toString());
    assertEquals("COMPLETE", steps.get(steps.size() - 2));
  }

  @Test
  void theUnbookablePlanCompletesNothingAndSaysWhy() {
    BookingPlan plan =
        BookingPlan.of(
            BookingFixture.FULL,
            BookingFixture.CATALOG,
            new SimulatedUser(BookingFixture.FULL, BookingFixture.CATALOG, 1));
    assertTrue(plan.last(PlanStep.Kind.COMPLETE).isEmpty());
    assertTrue(plan.steps().stream().noneMatch(s -> s.kind() == PlanStep.Kind.COMPLETE));
    BookingOutcome o =
        new BookingCheck(BookingFixture.CATALOG)
            .check(BookingFixture.FULL, "e", List.of(), plan.last(PlanStep.Kind.ANSWER));
    assertEquals(1.0, o.reward(), o.reason());
  }

  @Test
  void everyGeneratedTaskSucceedsWhenThePlanIsCarriedOut() {
    RestaurantCatalog catalog = RestaurantGenerator.defaults().catalog();
    List<BookingTask> tasks = BookingTaskGenerator.defaults().tasks(catalog);
    BookingCheck check = new BookingCheck(catalog);
    List<String> failures = new ArrayList<>();
    int asks = 0;
    for (BookingTask t : tasks) {
      BookingPlan plan = BookingPlan.of(t, catalog, new SimulatedUser(t, catalog, 2));
      asks += (int) plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.ASK).count();
      List<Reservation> db = new ArrayList<>();
      if (plan.steps().stream().anyMatch(s -> s.kind() == PlanStep.Kind.COMPLETE)) {
        db.add(
            new Reservation(
                plan.last(PlanStep.Kind.OPEN_RESTAURANT),
                LocalDate.parse(plan.last(PlanStep.Kind.PICK_DATE)),
                LocalTime.parse(plan.last(PlanStep.Kind.PICK_TIME)),
                Integer.parseInt(plan.last(PlanStep.Kind.PICK_PARTY_SIZE)),
                Seating.ofLabel(plan.last(PlanStep.Kind.PICK_SEATING)).orElseThrow(),
                plan.last(PlanStep.Kind.FILL_NAME),
                plan.last(PlanStep.Kind.FILL_PHONE),
                plan.last(PlanStep.Kind.FILL_EMAIL),
                t.id(),
                "ep",
                Reservation.Status.COMPLETED));
      }
      BookingOutcome o = check.check(t, "ep", db, plan.last(PlanStep.Kind.ANSWER));
      if (!o.success()) {
        failures.add(t.id() + ": " + o.reason());
      }
    }
    System.out.printf(
        "expert plans: %d tasks, %.2f ASK per task%n", tasks.size(), (double) asks / tasks.size());
    assertEquals(List.of(), failures);
  }
}
