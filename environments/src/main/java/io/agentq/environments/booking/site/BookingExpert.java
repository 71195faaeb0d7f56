package io.agentq.environments.booking.site;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.Policy;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.PlanStep;
import io.agentq.environments.booking.Seating;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The booking site's expert as a deterministic policy: it carries out a {@link BookingPlan} on the
 * rendered pages like any agent, reading only the page (its title, its elements' labels and
 * selected marks, the typed values and the conversation in its text). On each page it takes the
 * plan's first step the page does not show done yet: a step on an earlier page is done once a later
 * page is reached; a choice is done when its button is selected; a question when the conversation
 * holds it; a detail when its box holds the value. It proves tasks solvable and demonstrates on
 * train tasks; it is never a training signal for held-out tasks.
 */
public final class BookingExpert implements Policy {
  private final BookingPlan plan;

  public BookingExpert(BookingPlan plan) {
    this.plan = plan;
  }

  @Override
  public String name() {
    return "booking-expert";
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    return List.of(new CompositeAction("", "expert", next(state.page()), "follows the plan", 0.0));
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    return next(state.page()).equals(action) ? 0.0 : Double.NEGATIVE_INFINITY;
  }

  /** The plan's next action on this page. */
  public Action next(Observation page) {
    BookingLabels.Page at = BookingLabels.Page.of(page.title());
    if (at == null) {
      return new Action.Back();
    }
    for (PlanStep step : plan.steps()) {
      Optional<Action> a = act(step, at, page);
      if (a.isPresent()) {
        return a.get();
      }
    }
    return new Action.Back(); // nothing left on this page: the plan went off the site's path
  }

  /** The action that does {@code step} here, or empty when the page shows it done. */
  private Optional<Action> act(PlanStep step, BookingLabels.Page at, Observation page) {
    int rank = at.ordinal();
    String v = step.value();
    switch (step.kind()) {
      case SEARCH:
        return rank >= BookingLabels.Page.RESULTS.ordinal() ? none() : of(new Action.Search(v));
      case OPEN_RESTAURANT:
        if (at == BookingLabels.Page.RESTAURANT && page.title().contains(v)
            || rank > BookingLabels.Page.RESTAURANT.ordinal()) {
          return none();
        }
        return at == BookingLabels.Page.RESULTS
            ? click(page, v)
            : of(new Action.Search(v)); // a wrong restaurant: search for the right one
      case PICK_DATE:
        return choose(at, page, BookingLabels.date(LocalDate.parse(v)), () -> dateWindow(page, v));
      case PICK_PARTY_SIZE:
        return choose(at, page, BookingLabels.party(Integer.parseInt(v)), Optional::empty);
      case TRY_TIME:
        // done once some time is picked (this one, or a later choice) or the page is past it
        return anyTimePicked(page)
            ? none()
            : choose(at, page, BookingLabels.time(LocalTime.parse(v)), Optional::empty);
      case PICK_TIME:
        return choose(at, page, BookingLabels.time(LocalTime.parse(v)), Optional::empty);
      case PICK_SEATING:
        return choose(
            at, page, BookingLabels.seating(Seating.ofLabel(v).orElseThrow()), Optional::empty);
      case ASK:
        return page.text().contains(BookingLabels.YOU + v) ? none() : of(new Action.Ask(v));
      case FILL_NAME:
        return fill(at, page, BookingLabels.NAME_BOX, v);
      case FILL_PHONE:
        return fill(at, page, BookingLabels.PHONE_BOX, v);
      case FILL_EMAIL:
        return fill(at, page, BookingLabels.EMAIL_BOX, v);
      case FILL_NOTES:
        return fill(at, page, BookingLabels.NOTES_BOX, v);
      case REVIEW:
        return rank >= BookingLabels.Page.REVIEW.ordinal()
            ? none()
            : of(new Action.ClickLabel(BookingLabels.REVIEW));
      case COMPLETE:
        return of(new Action.ClickLabel(BookingLabels.COMPLETE));
      case ANSWER:
        return at == BookingLabels.Page.TELL
            ? of(new Action.ClickLabel(BookingLabels.SEND))
            : box(page, BookingLabels.TELL_BOX).map(id -> new Action.Type(id, v));
      default:
        throw new IllegalStateException("the booking expert has no move for " + step);
    }
  }

  /** Whether a time button is selected on this page. */
  private static boolean anyTimePicked(Observation page) {
    return page.elements().stream()
        .anyMatch(e -> e.selected() && BookingLabels.parseTime(e.label()).isPresent());
  }

  /** A choice on the restaurant page: done when selected or past that page; else its button. */
  private static Optional<Action> choose(
      BookingLabels.Page at,
      Observation page,
      String label,
      java.util.function.Supplier<Optional<Action>> otherwise) {
    if (at.ordinal() > BookingLabels.Page.RESTAURANT.ordinal()) {
      return none();
    }
    Optional<PageElement> e = page.elementLabelled(label);
    if (e.isPresent()) {
      return e.get().selected() ? none() : of(new Action.Click(e.get().id()));
    }
    return otherwise.get();
  }

  /**
   * The date is not in the picker's week: page towards it (later when some shown date is before
   * it).
   */
  private static Optional<Action> dateWindow(Observation page, String isoDate) {
    LocalDate want = LocalDate.parse(isoDate);
    for (int back = 1; back <= 7 * 6; back++) {
      if (page.elementLabelled(BookingLabels.date(want.minusDays(back))).isPresent()) {
        return of(new Action.ClickLabel(BookingLabels.LATER_DATES));
      }
    }
    return of(new Action.ClickLabel(BookingLabels.EARLIER_DATES));
  }

  /** A detail on the details page: done when its box holds the value; before it, move on. */
  private static Optional<Action> fill(
      BookingLabels.Page at, Observation page, String boxLabel, String value) {
    if (at.ordinal() > BookingLabels.Page.DETAILS.ordinal()) {
      return none();
    }
    if (at == BookingLabels.Page.RESTAURANT) {
      return of(new Action.ClickLabel(BookingLabels.CONTINUE));
    }
    if (at != BookingLabels.Page.DETAILS) {
      return none();
    }
    if (page.text().contains("\"" + boxLabel + "\" value=\"" + value + "\"")) {
      return none();
    }
    return box(page, boxLabel).map(id -> new Action.Type(id, value));
  }

  private static Optional<Integer> box(Observation page, String label) {
    return page.elements().stream()
        .filter(e -> e.isTextInput() && e.label().equals(label))
        .map(PageElement::id)
        .findFirst();
  }

  private static Optional<Action> click(Observation page, String label) {
    return page.elementLabelled(label).map(e -> new Action.Click(e.id()));
  }

  private static Optional<Action> of(Action a) {
    return Optional.of(a);
  }

  private static Optional<Action> none() {
    return Optional.empty();
  }
}
