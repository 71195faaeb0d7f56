package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a booking expert would do for a task, step by step: find the restaurant (by name, or by
 * cuisine and area), set the date and party size, ask where the user wants to sit when the request
 * does not say, take a free requested table or else ask for other times and take an accepted one,
 * ask for the user's details and any notes, review and complete; or, when no acceptable table is
 * free, complete nothing and tell the user why.
 *
 * <p>The expert learns the hidden preferences only through its ASK steps: it decides with {@link
 * AcceptableTables}, which reads exactly what those questions reveal (where to sit, which other
 * times), and fills in the details from the user's answers. Only experts that demonstrate on train
 * tasks use it, never an agent.
 */
public record BookingPlan(List<PlanStep> steps) {
  /** The expert's questions to the user, in the order it may ask them. */
  public static final String SEATING_QUESTION = "Where would you like to sit?";

  public static final String OTHER_TIME_QUESTION =
      "The time you asked for is full. Could you do another time?";

  public static final String NAME_QUESTION = "What name should the reservation be under?";

  public static final String PHONE_QUESTION = "What's your phone number?";

  public static final String EMAIL_QUESTION = "What's your email address?";

  public static final String REQUESTS_QUESTION = "Any special requests we should pass on?";

  public static final List<String> QUESTIONS =
      List.of(
          SEATING_QUESTION,
          OTHER_TIME_QUESTION,
          NAME_QUESTION,
          PHONE_QUESTION,
          EMAIL_QUESTION,
          REQUESTS_QUESTION);

  public BookingPlan {
    steps = List.copyOf(steps);
  }

  public static BookingPlan of(BookingTask task, RestaurantCatalog catalog, SimulatedUser user) {
    Restaurant r = catalog.restaurant(task.restaurant());
    List<PlanStep> out = new ArrayList<>();
    out.add(
        step(
            PlanStep.Kind.SEARCH,
            task.restaurantNamed() ? r.name() : r.cuisine() + " " + r.area()));
    out.add(step(PlanStep.Kind.OPEN_RESTAURANT, r.name()));
    out.add(step(PlanStep.Kind.PICK_DATE, task.date().toString()));
    out.add(step(PlanStep.Kind.PICK_PARTY_SIZE, Integer.toString(task.partySize())));
    AcceptableTables tables = AcceptableTables.of(task, r);
    boolean requested =
        tables.bookable()
            && task.times().contains(tables.slots().get(0).time())
            && (task.seating() == null || tables.slots().get(0).seating() == task.seating());
    if (!requested) {
      // The page tells whether the requested time has a table only once it is picked.
      out.add(step(PlanStep.Kind.TRY_TIME, task.times().get(0).toString()));
    }
    if (task.seating() == null || !requested) {
      // Which seatings the user accepts: needed when the request names none, or names one that is
      // full at every requested time.
      ask(out, user, SEATING_QUESTION);
    }
    if (!requested) {
      ask(out, user, OTHER_TIME_QUESTION);
    }
    if (!tables.bookable()) {
      out.add(step(PlanStep.Kind.ANSWER, couldNotBook(r.name(), task.date(), task.times().get(0))));
      return new BookingPlan(out);
    }
    TableSlot slot = tables.slots().get(0);
    out.add(step(PlanStep.Kind.PICK_TIME, slot.time().toString()));
    out.add(step(PlanStep.Kind.PICK_SEATING, slot.seating().label()));
    ask(out, user, NAME_QUESTION);
    out.add(step(PlanStep.Kind.FILL_NAME, task.profile().name()));
    ask(out, user, PHONE_QUESTION);
    out.add(step(PlanStep.Kind.FILL_PHONE, task.profile().phone()));
    ask(out, user, EMAIL_QUESTION);
    out.add(step(PlanStep.Kind.FILL_EMAIL, task.profile().email()));
    String notes = ask(out, user, REQUESTS_QUESTION);
    if (!notes.startsWith("No")) {
      out.add(step(PlanStep.Kind.FILL_NOTES, notes));
    }
    out.add(step(PlanStep.Kind.REVIEW, ""));
    out.add(step(PlanStep.Kind.COMPLETE, ""));
    out.add(
        step(
            PlanStep.Kind.ANSWER,
            "Booked "
                + r.name()
                + " for "
                + task.partySize()
                + " on "
                + DatePhrase.spoken(task.date())
                + " at "
                + TimePhrase.spoken(slot.time())
                + ", "
                + SimulatedUser.place(slot.seating())
                + "."));
    return new BookingPlan(out);
  }

  /** How the expert's answer for an unbookable task ends, after the restaurant, date and time. */
  public static final String COULD_NOT_BOOK =
      " is fully booked, and no other time or seating you accept is free.";

  /** The expert's answer for an unbookable task. */
  public static String couldNotBook(String restaurant, LocalDate date, LocalTime time) {
    return "I couldn't book "
        + restaurant
        + ": "
        + DatePhrase.spoken(date)
        + " at "
        + TimePhrase.spoken(time)
        + COULD_NOT_BOOK;
  }

  /** The value of the last step of this kind, or "" when there is none. */
  public String last(PlanStep.Kind kind) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).kind() == kind) {
        return steps.get(i).value();
      }
    }
    return "";
  }

  private static String ask(List<PlanStep> out, SimulatedUser user, String question) {
    out.add(step(PlanStep.Kind.ASK, question));
    return user.answer(question);
  }

  private static PlanStep step(PlanStep.Kind kind, String value) {
    return new PlanStep(kind, value);
  }
}
