package io.agentq.environments.booking.decision;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.DecisionFeatures;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.Seating;
import io.agentq.environments.booking.site.BookingLabels;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The booking site's decision row: every candidate action described against what the request asks
 * ({@link BookingRequest}, read from the instruction and the date the page shows) and what the user
 * said ({@link Conversation}). It also says what may be typed ({@link #typing}): the restaurant's
 * search, the questions a booker asks, the details the user gave (into their boxes) and the answer
 * that the table could not be booked. It reads only the instruction, the page and the commands so
 * far, like any agent.
 */
public final class BookingDecisionFeatures implements DecisionFeatures {
  /** The features, in row order; one line each says what it is. */
  public static final List<String> NAMES =
      List.of(
          "page-home", // the page is the home page
          "page-results", // the page lists restaurants
          "page-restaurant", // the page is a restaurant's table picker
          "page-details", // the page asks for the user's details
          "page-review", // the page reviews the reservation
          "page-tell", // the page shows the answer to the user before it is sent
          "request-read", // the request was read (a template fits)
          "search-restaurant", // the action searches for the requested restaurant
          "search-other", // the action types something else into the search box
          "result-named", // the action opens the restaurant the request names
          "result-first", // the action opens the first restaurant in the results
          "result-other", // the action opens another restaurant
          "on-named-restaurant", // the page is the requested restaurant's (or an unnamed one's)
          "date-wanted", // the action picks the requested date
          "date-toward", // the action pages the dates towards a requested date not shown
          "date-other", // the action picks another date or pages away
          "date-set", // the requested date is selected on this page
          "party-wanted", // the action picks the requested party size
          "party-other", // the action picks another party size
          "party-set", // the requested party size is selected on this page
          "time-requested", // the action picks a requested time
          "time-accepted", // the action picks another time the user said they can do
          "time-other", // the action picks another time
          "time-full", // the page says the chosen time has no table
          "seating-wanted", // the action picks the seating wanted (requested, or the user's first)
          "seating-accepted", // the action picks a seating the user accepts
          "seating-other", // the action picks another seating
          "seating-known", // the request or the user said where to sit
          "table-chosen", // a time and a free seating are chosen (the way on is shown)
          "continue", // the action continues to the details
          "ask-seating", // the action asks where to sit
          "ask-time", // the action asks for other times
          "ask-detail", // the action asks for a detail (name, phone, email, requests)
          "asked-before", // the action asks a question already asked
          "other-times-refused", // the user said no other time works
          "details-asked", // every detail question has been asked
          "fill-detail", // the action types a detail the user gave into its box
          "fill-done", // ...and the box already holds it
          "details-filled", // every detail the user gave is in its box
          "review", // the action reviews the reservation
          "complete", // the action completes the reservation
          "tell-could-not", // the action writes that the table could not be booked
          "send", // the action sends the answer
          "back-or-scroll"); // the action goes back or scrolls

  /** The layout's name: changes whenever a feature is added, removed or computed differently. */
  public static final String LAYOUT = "booking-v1:" + NAMES.size();

  private static final Pattern TODAY =
      Pattern.compile("Today is ([A-Z][a-z]+, [A-Z][a-z]+ \\d{1,2}, \\d{4})");
  private static final List<String> DETAIL_QUESTIONS =
      List.of(
          BookingPlan.NAME_QUESTION,
          BookingPlan.PHONE_QUESTION,
          BookingPlan.EMAIL_QUESTION,
          BookingPlan.REQUESTS_QUESTION);
  private static final List<String> DETAIL_BOXES =
      List.of(
          BookingLabels.NAME_BOX,
          BookingLabels.PHONE_BOX,
          BookingLabels.EMAIL_BOX,
          BookingLabels.NOTES_BOX);
  private static final Map<String, BookingRequest> READ =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BookingRequest> e) {
              return size() > 4096;
            }
          });

  @Override
  public String environment() {
    return "booking";
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public String layout() {
    return LAYOUT;
  }

  /** The request as read on this page (its date resolved against the date the page shows). */
  public static BookingRequest request(AgentState state) {
    LocalDate today = today(state.page().text()).orElse(null);
    String text = state.instruction().text();
    return READ.computeIfAbsent(today + "|" + text, k -> BookingRequest.read(text, today));
  }

  static Optional<LocalDate> today(String pageText) {
    Matcher m = TODAY.matcher(pageText);
    return m.find() ? BookingLabels.readLongDate(m.group(1)) : Optional.empty();
  }

  @Override
  public Optional<List<Action>> typing(AgentState state) {
    Observation page = state.page();
    BookingRequest request = request(state);
    Conversation talk = Conversation.of(page.text());
    List<Action> out = new ArrayList<>();
    box(page, BookingLabels.SEARCH_BOX)
        .ifPresent(
            id -> {
              if (request.read()) {
                out.add(new Action.Type(id, request.searchQuery()));
              }
            });
    if (box(page, BookingLabels.ASK_BOX).isPresent()) {
      for (String q : BookingPlan.QUESTIONS) {
        if (!talk.asked(q)) {
          out.add(new Action.Ask(q));
        }
      }
    }
    for (int i = 0; i < DETAIL_BOXES.size(); i++) {
      Optional<Integer> id = box(page, DETAIL_BOXES.get(i));
      Optional<String> answer = talk.answer(DETAIL_QUESTIONS.get(i));
      if (id.isPresent() && answer.isPresent() && !answer.get().startsWith("No")) {
        out.add(new Action.Type(id.get(), Conversation.detail(answer.get())));
      }
    }
    Optional<Integer> tell = box(page, BookingLabels.TELL_BOX);
    if (tell.isPresent() && request.date() != null && !request.times().isEmpty()) {
      out.add(new Action.Type(tell.get(), couldNotBook(state, request)));
    }
    return Optional.of(out);
  }

  /** The restaurant a restaurant page's title names ("Table at X | site"), or "". */
  static String restaurantOf(String title) {
    if (BookingLabels.Page.of(title) != BookingLabels.Page.RESTAURANT) {
      return "";
    }
    String name = title.substring(BookingLabels.Page.RESTAURANT.title().length());
    int bar = name.lastIndexOf(" | ");
    return (bar < 0 ? name : name.substring(0, bar)).strip();
  }

  /** The answer that the table could not be booked, naming the page's restaurant if it is one. */
  private static String couldNotBook(AgentState state, BookingRequest request) {
    String shown = restaurantOf(state.page().title());
    String restaurant =
        !shown.isEmpty()
            ? shown
            : request.restaurant() != null ? request.restaurant() : request.searchQuery();
    return BookingPlan.couldNotBook(restaurant, request.date(), request.times().get(0));
  }

  @Override
  public double[][] rows(AgentState state, List<Action> actions) {
    Facts facts = new Facts(state);
    double[][] out = new double[actions.size()][];
    for (int i = 0; i < actions.size(); i++) {
      out[i] = facts.row(actions.get(i));
    }
    return out;
  }

  private static Optional<Integer> box(Observation page, String label) {
    return page.elements().stream()
        .filter(e -> e.isTextInput() && e.label().equals(label))
        .map(PageElement::id)
        .findFirst();
  }

  /** What a page and the conversation say, computed once per decision. */
  private static final class Facts {
    private final AgentState state;
    private final Observation page;
    private final BookingLabels.Page at;
    private final BookingRequest request;
    private final Conversation talk;
    private final List<Seating> seatingsAccepted;
    private final List<LocalTime> timesAccepted;
    private final boolean otherTimesRefused;
    private final Integer firstResult;
    private final boolean onNamed;
    private final boolean dateShown;
    private final boolean dateSet;
    private final boolean partySet;
    private final boolean detailsAsked;
    private final boolean detailsFilled;
    private final String couldNot;

    Facts(AgentState state) {
      this.state = state;
      this.page = state.page();
      this.at = BookingLabels.Page.of(page.title());
      this.request = request(state);
      this.talk = Conversation.of(page.text());
      List<Seating> seatings = new ArrayList<>();
      if (request.seating() != null) {
        seatings.add(request.seating());
      }
      talk.answer(BookingPlan.SEATING_QUESTION)
          .ifPresent(
              a ->
                  Conversation.seatings(a).stream()
                      .filter(s -> !seatings.contains(s))
                      .forEach(seatings::add));
      this.seatingsAccepted = seatings;
      String other = talk.answer(BookingPlan.OTHER_TIME_QUESTION).orElse("");
      this.timesAccepted = Conversation.times(other);
      this.otherTimesRefused = other.startsWith("No");
      this.firstResult = at == BookingLabels.Page.RESULTS ? firstResult(page) : null;
      String name = restaurantOf(page.title());
      this.onNamed =
          at == BookingLabels.Page.RESTAURANT
              && (request.restaurant() == null || request.restaurant().equalsIgnoreCase(name));
      String wanted = request.date() == null ? null : BookingLabels.date(request.date());
      this.dateShown = wanted != null && page.elementLabelled(wanted).isPresent();
      this.dateSet = dateShown && page.elementLabelled(wanted).get().selected();
      this.partySet =
          request.party() > 0
              && page.elementLabelled(BookingLabels.party(request.party()))
                  .map(PageElement::selected)
                  .orElse(false);
      this.detailsAsked = DETAIL_QUESTIONS.stream().allMatch(talk::asked);
      boolean filled = at == BookingLabels.Page.DETAILS;
      for (int i = 0; i < DETAIL_BOXES.size() && filled; i++) {
        Optional<String> answer = talk.answer(DETAIL_QUESTIONS.get(i));
        if (answer.isEmpty()) {
          filled = i == 3; // the requests' box may stay empty
        } else if (!answer.get().startsWith("No")) {
          filled = holds(DETAIL_BOXES.get(i), Conversation.detail(answer.get()));
        }
      }
      this.detailsFilled = filled;
      this.couldNot =
          request.date() == null || request.times().isEmpty() ? null : couldNotBook(state, request);
    }

    private boolean holds(String boxLabel, String value) {
      return page.text().contains("\"" + boxLabel + "\" value=\"" + value + "\"");
    }

    double[] row(Action a) {
      double[] f = new double[NAMES.size()];
      int k = 0;
      f[k++] = is(BookingLabels.Page.HOME);
      f[k++] = is(BookingLabels.Page.RESULTS);
      f[k++] = is(BookingLabels.Page.RESTAURANT);
      f[k++] = is(BookingLabels.Page.DETAILS);
      f[k++] = is(BookingLabels.Page.REVIEW);
      f[k++] = is(BookingLabels.Page.TELL);
      f[k++] = bit(request.read());
      String typedInto = typedInto(a);
      String text = a instanceof Action.Type t ? t.text() : null;
      boolean search = BookingLabels.SEARCH_BOX.equals(typedInto);
      f[k++] = bit(search && request.read() && request.searchQuery().equals(text));
      f[k++] = bit(search && !(request.read() && request.searchQuery().equals(text)));
      String label = clicked(a);
      boolean result = label != null && isResult(a);
      boolean named =
          result && request.restaurant() != null && request.restaurant().equalsIgnoreCase(label);
      boolean first = result && firstResult != null && firstResult.equals(clickedId(a));
      f[k++] = bit(named);
      f[k++] = bit(first);
      f[k++] = bit(result && !named && !first);
      f[k++] = bit(onNamed);
      String wantedDate = request.date() == null ? null : BookingLabels.date(request.date());
      boolean date = label != null && isDate(label);
      boolean paging =
          BookingLabels.EARLIER_DATES.equals(label) || BookingLabels.LATER_DATES.equals(label);
      boolean toward = paging && wantedDate != null && !dateShown && towards(label);
      f[k++] = bit(date && label.equals(wantedDate) && !selected(a));
      f[k++] = bit(toward);
      f[k++] = bit((date && !label.equals(wantedDate)) || (paging && !toward));
      f[k++] = bit(dateSet);
      boolean party = label != null && label.matches("\\d+ (person|people)");
      boolean wantedParty =
          party && request.party() > 0 && label.equals(BookingLabels.party(request.party()));
      f[k++] = bit(wantedParty && !selected(a));
      f[k++] = bit(party && !wantedParty);
      f[k++] = bit(partySet);
      LocalTime time = label == null ? null : time(label);
      boolean requested = time != null && request.times().contains(time);
      boolean accepted = time != null && !requested && timesAccepted.contains(time);
      f[k++] = bit(requested && !selected(a));
      f[k++] = bit(accepted && !selected(a));
      f[k++] = bit(time != null && !requested && !accepted);
      f[k++] = bit(page.text().contains("No table at "));
      Seating seating = label == null ? null : seating(label);
      f[k++] =
          bit(seating != null && !seatingsAccepted.isEmpty() && seating == seatingsAccepted.get(0));
      f[k++] = bit(seating != null && seatingsAccepted.contains(seating));
      f[k++] = bit(seating != null && !seatingsAccepted.contains(seating));
      f[k++] = bit(!seatingsAccepted.isEmpty());
      f[k++] = bit(page.elementLabelled(BookingLabels.CONTINUE).isPresent());
      f[k++] = bit(BookingLabels.CONTINUE.equals(label));
      String question = a instanceof Action.Ask q ? q.question() : null;
      f[k++] = bit(BookingPlan.SEATING_QUESTION.equals(question));
      f[k++] = bit(BookingPlan.OTHER_TIME_QUESTION.equals(question));
      f[k++] = bit(question != null && DETAIL_QUESTIONS.contains(question));
      f[k++] = bit(question != null && talk.asked(question));
      f[k++] = bit(otherTimesRefused);
      f[k++] = bit(detailsAsked);
      boolean fill = typedInto != null && DETAIL_BOXES.contains(typedInto);
      f[k++] = bit(fill);
      f[k++] = bit(fill && holds(typedInto, text));
      f[k++] = bit(detailsFilled);
      f[k++] = bit(BookingLabels.REVIEW.equals(label));
      f[k++] = bit(BookingLabels.COMPLETE.equals(label));
      f[k++] =
          bit(
              BookingLabels.TELL_BOX.equals(typedInto)
                  && couldNot != null
                  && couldNot.equals(text));
      f[k++] = bit(BookingLabels.SEND.equals(label));
      f[k++] = bit(a instanceof Action.Back || a instanceof Action.Scroll);
      if (k != f.length) {
        throw new IllegalStateException(k + " features written, " + f.length + " named");
      }
      return f;
    }

    private double is(BookingLabels.Page p) {
      return bit(at == p);
    }

    private String typedInto(Action a) {
      if (a instanceof Action.Type t) {
        return page.element(t.elementId()).map(PageElement::label).orElse(null);
      }
      return null;
    }

    private String clicked(Action a) {
      if (a instanceof Action.Click c) {
        return page.element(c.elementId()).map(PageElement::label).orElse(null);
      }
      if (a instanceof Action.ClickLabel c) {
        return c.label();
      }
      return null;
    }

    private Integer clickedId(Action a) {
      return a instanceof Action.Click c ? c.elementId() : null;
    }

    private boolean selected(Action a) {
      return a instanceof Action.Click c
          && page.element(c.elementId()).map(PageElement::selected).orElse(false);
    }

    private boolean isResult(Action a) {
      Integer id = clickedId(a);
      return at == BookingLabels.Page.RESULTS
          && id != null
          && page.element(id).map(Facts::isRestaurantLink).orElse(false);
    }

    private static Integer firstResult(Observation page) {
      return page.elements().stream()
          .filter(Facts::isRestaurantLink)
          .map(PageElement::id)
          .findFirst()
          .orElse(null);
    }

    /** A link on a results page that is not one of the site's own controls. */
    private static boolean isRestaurantLink(PageElement e) {
      return "link".equals(e.role()) && !e.label().equals(BookingLabels.SITE);
    }

    private boolean isDate(String label) {
      return label.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{1,2}");
    }

    /** Whether paging with {@code label} moves towards the requested date. */
    private boolean towards(String label) {
      LocalDate want = request.date();
      boolean later = false;
      for (int back = 1; back <= 7 * 6; back++) {
        if (page.elementLabelled(BookingLabels.date(want.minusDays(back))).isPresent()) {
          later = true;
          break;
        }
      }
      return later == BookingLabels.LATER_DATES.equals(label);
    }

    private static LocalTime time(String label) {
      return BookingLabels.parseTime(label.startsWith("Try ") ? label.substring(4) : label)
          .orElse(null);
    }

    private static Seating seating(String label) {
      for (Seating s : Seating.values()) {
        if (BookingLabels.seating(s).equals(label)) {
          return s;
        }
      }
      return null;
    }

    private static double bit(boolean b) {
      return b ? 1 : 0;
    }
  }
}
