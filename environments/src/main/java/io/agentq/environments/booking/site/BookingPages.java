package io.agentq.environments.booking.site;

import static io.agentq.environments.shop.Html.esc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.Restaurant;
import io.agentq.environments.booking.RestaurantCatalog;
import io.agentq.environments.booking.Seating;
import io.agentq.environments.booking.SimulatedUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTML of the booking site's pages. Every page has the search bar, the conversation with the
 * user and the "Ask the user" and "Tell the user" boxes; every page declares that it needs
 * JavaScript. The restaurant page's date, party-size, time and seating controls exist only once its
 * script has rendered them from the availability JSON in the page. The done pages carry the
 * episode's reward as a fact for the agent's environment and never in their visible text.
 */
final class BookingPages {
  private static final String PICKER = script("picker.js");
  private static final String STYLE =
      "body{font-family:sans-serif;max-width:60em;margin:1em auto}"
          + "header{border-bottom:1px solid #ccc;padding-bottom:.5em}"
          + ".request{background:#eef;padding:.5em}"
          + ".control button{margin:.2em}.control button.on{background:#336;color:#fff}"
          + ".talk{border-top:1px solid #ccc;margin-top:1em}";

  private final RestaurantCatalog catalog;

  BookingPages(RestaurantCatalog catalog) {
    this.catalog = catalog;
  }

  String home(BookingSession s, BookingState st) {
    String body =
        "<h1>Find a table</h1><p>Search above by restaurant name, cuisine or area, for example"
            + " \"Italian Old Town\".</p><p>"
            + catalog.restaurants().size()
            + " restaurants take reservations here.</p>";
    return frame(s, st, "/", "Find a table", body, Map.of());
  }

  String results(BookingSession s, BookingState st, List<Restaurant> found) {
    StringBuilder b = new StringBuilder("<h1>Restaurants matching \"");
    b.append(esc(st.text(BookingState.QUERY))).append("\"</h1>");
    if (found.isEmpty()) {
      b.append(
          "<p>No restaurant matches. Search by a restaurant's name, a cuisine or an area.</p>");
    }
    for (Restaurant r : found) {
      BookingState open =
          st.with(BookingState.RESTAURANT, r.name())
              .with(BookingState.TIME, null)
              .with(BookingState.SEATING, null);
      b.append("<div class=\"result\">")
          .append(link(s.prefix() + "/restaurant" + open.query(), r.name()))
          .append("<br>")
          .append(esc(r.cuisine() + " · " + r.area() + " · " + "$".repeat(r.priceBand())))
          .append("</div>");
    }
    return frame(s, st, "/search", "Results", b.toString(), Map.of());
  }

  /**
   * The restaurant with the table picker, which its script renders from {@code availability}.
   *
   * @param shown the state with its defaults filled in (date, date window and party size)
   */
  String restaurant(BookingSession s, BookingState shown, Restaurant r, LocalDate week) {
    StringBuilder b = new StringBuilder("<h1>").append(esc(r.name())).append("</h1>");
    b.append("<p>")
        .append(esc(r.cuisine() + " · " + r.area() + " · " + "$".repeat(r.priceBand())))
        .append("</p><p>Seats every 30 minutes from ")
        .append(BookingLabels.time(r.opens()))
        .append(" to ")
        .append(BookingLabels.time(r.lastSeating()))
        .append(". Seating: ")
        .append(
            esc(
                r.maxParty().entrySet().stream()
                    .map(e -> e.getKey().label() + " (up to " + e.getValue() + ")")
                    .collect(Collectors.joining(", "))))
        .append(".</p>");
    b.append("<p class=\"selection\">Your table: ").append(esc(selection(shown))).append("</p>");
    b.append("<noscript>This page needs JavaScript to show its dates, party sizes and times.")
        .append("</noscript><div id=\"picker\"></div>");
    b.append("<script type=\"application/json\" id=\"availability\">")
        .append(availability(s, shown, r, week).toString().replace("</", "<\\/"))
        .append("</script><script>")
        .append(PICKER)
        .append("</script>");
    return frame(
        s,
        shown,
        "/restaurant",
        BookingLabels.Page.RESTAURANT.title() + " " + r.name(),
        b.toString(),
        Map.of());
  }

  private ObjectNode availability(BookingSession s, BookingState st, Restaurant r, LocalDate week) {
    ObjectNode o = BookingJson.JSON.createObjectNode();
    o.put("path", s.prefix() + "/restaurant");
    o.put("continueTo", s.prefix() + "/details");
    ObjectNode state = o.putObject("state");
    st.params().forEach(state::put);
    LocalDate today = s.task().today();
    LocalDate last = catalog.lastDate();
    ArrayNode dates = o.putArray("dates");
    for (LocalDate d = week; !d.isAfter(last) && d.isBefore(week.plusDays(7)); d = d.plusDays(1)) {
      dates.addObject().put("value", d.toString()).put("label", BookingLabels.date(d));
    }
    o.put("week", week.toString());
    LocalDate earlier = week.minusDays(7);
    if (week.isAfter(today)) {
      o.put("earlier", (earlier.isBefore(today) ? today : earlier).toString());
    }
    if (!week.plusDays(7).isAfter(last)) {
      o.put("later", week.plusDays(7).toString());
    }
    o.put("date", st.date().toString());
    ArrayNode parties = o.putArray("parties");
    for (int n = 1; n <= BookingState.MAX_PARTY; n++) {
      parties.addObject().put("value", Integer.toString(n)).put("label", BookingLabels.party(n));
    }
    o.put("party", Integer.toString(st.party()));
    o.put("partyLabel", BookingLabels.party(st.party()));
    Availability a = new Availability(r, st.date(), st.party());
    ArrayNode times = o.putArray("times");
    for (LocalTime t : r.times()) {
      ObjectNode time = times.addObject();
      time.put("value", t.toString()).put("label", BookingLabels.time(t));
      ArrayNode free = time.putArray("free");
      a.freeAt(t).forEach(x -> free.add(x.label()));
    }
    ArrayNode seatings = o.putArray("seatings");
    r.seatings()
        .forEach(
            x ->
                seatings
                    .addObject()
                    .put("value", x.label())
                    .put("label", BookingLabels.seating(x)));
    ArrayNode alternatives = o.putArray("alternatives");
    if (st.time() != null) {
      o.put("time", st.time().toString());
      a.alternatives(st.time())
          .forEach(
              t ->
                  alternatives
                      .addObject()
                      .put("value", t.toString())
                      .put("label", BookingLabels.time(t)));
    }
    if (st.seating() != null) {
      o.put("seating", st.seating().label());
    }
    ObjectNode labels = o.putObject("labels");
    labels.put("earlier", BookingLabels.EARLIER_DATES);
    labels.put("later", BookingLabels.LATER_DATES);
    labels.put("next", BookingLabels.CONTINUE);
    return o;
  }

  String details(BookingSession s, BookingState st) {
    StringBuilder b = new StringBuilder("<h1>Your details</h1>");
    b.append("<p>Table: ").append(esc(table(st))).append("</p>");
    b.append("<form method=\"get\" action=\"")
        .append(esc(s.prefix() + "/details"))
        .append("\" novalidate autocomplete=\"off\">");
    b.append(
        hidden(
            st,
            Set.of(BookingState.NAME, BookingState.PHONE, BookingState.EMAIL, BookingState.NOTES)));
    b.append(box(BookingState.NAME, BookingLabels.NAME_BOX, st.text(BookingState.NAME)));
    b.append(box(BookingState.PHONE, BookingLabels.PHONE_BOX, st.text(BookingState.PHONE)));
    b.append(box(BookingState.EMAIL, BookingLabels.EMAIL_BOX, st.text(BookingState.EMAIL)));
    b.append(box(BookingState.NOTES, BookingLabels.NOTES_BOX, st.text(BookingState.NOTES)));
    b.append("<button type=\"submit\">Save details</button></form>");
    b.append("<p>")
        .append(link(s.prefix() + "/review" + st.query(), BookingLabels.REVIEW))
        .append(" ")
        .append(link(s.prefix() + "/restaurant" + st.query(), "Change table"))
        .append("</p>");
    return frame(s, st, "/details", "Your details", b.toString(), Map.of());
  }

  /**
   * @param missing the details still missing; the Complete button shows only when there are none
   */
  String review(BookingSession s, BookingState st, List<String> missing) {
    StringBuilder b = new StringBuilder("<h1>Review your reservation</h1><ul>");
    b.append("<li>Table: ").append(esc(table(st))).append("</li>");
    b.append(item("Name", st.text(BookingState.NAME)));
    b.append(item("Phone", st.text(BookingState.PHONE)));
    b.append(item("Email", st.text(BookingState.EMAIL)));
    b.append(item("Notes", st.text(BookingState.NOTES)));
    b.append("</ul>");
    if (missing.isEmpty()) {
      b.append("<form method=\"post\" action=\"")
          .append(esc(s.prefix() + "/complete"))
          .append("\">")
          .append(hidden(st, Set.of()))
          .append("<button type=\"submit\" data-irreversible=\"true\">")
          .append(BookingLabels.COMPLETE)
          .append("</button></form>");
    } else {
      b.append("<p>Before you can complete the reservation, fill in: ")
          .append(esc(String.join(", ", missing)))
          .append(".</p>");
    }
    b.append("<p>")
        .append(link(s.prefix() + "/details" + st.query(), "Edit details"))
        .append(" ")
        .append(link(s.prefix() + "/restaurant" + st.query(), "Change table"))
        .append("</p>");
    return frame(s, st, "/review", "Review", b.toString(), Map.of());
  }

  String tell(BookingSession s, BookingState st, String message) {
    String body =
        "<h1>Your message to the user</h1><blockquote>"
            + esc(message)
            + "</blockquote><p>Sending it ends the conversation: nothing can be done after it.</p>"
            + "<form method=\"post\" action=\""
            + esc(s.prefix() + "/send")
            + "\">"
            + hidden(st, Set.of())
            + hiddenField(BookingServer.TELL, message)
            + "<button type=\"submit\" data-irreversible=\"true\">"
            + BookingLabels.SEND
            + "</button></form><p>"
            + link(s.prefix() + "/" + st.query(), "Keep working")
            + "</p>";
    return frame(s, st, "/tell", "Message to the user", body, Map.of(BookingServer.TELL, message));
  }

  /** The done page of a completed reservation: terminal, with the reward as a fact only. */
  String booked(BookingSession s, Reservation r, String notes, double reward) {
    StringBuilder b = new StringBuilder("<h1>Your table is booked</h1><p>Your table is booked: ");
    b.append(esc(r.restaurant()))
        .append(" on ")
        .append(esc(BookingLabels.longDate(r.date())))
        .append(" at ")
        .append(BookingLabels.time(r.time()))
        .append(" for ")
        .append(BookingLabels.party(r.partySize()))
        .append(", ")
        .append(esc(r.seating().label()))
        .append(" seating, under ")
        .append(esc(r.name()))
        .append(".</p><p>We will call ")
        .append(esc(r.phone()))
        .append(" if anything changes; a confirmation goes to ")
        .append(esc(r.email()))
        .append(".</p>");
    if (notes != null && !notes.isBlank()) {
      b.append("<p>Notes for the restaurant: ").append(esc(notes)).append("</p>");
    }
    return terminal(s, "Booked", b.toString(), reward);
  }

  /** The done page of an answer sent to the user: terminal, with the reward as a fact only. */
  String sent(BookingSession s, String answer, double reward) {
    String body =
        "<h1>Message sent</h1><p>Message sent to the user:</p><blockquote>"
            + esc(answer)
            + "</blockquote>";
    return terminal(s, "Message sent", body, reward);
  }

  private String terminal(BookingSession s, String title, String body, double reward) {
    String facts =
        "<meta name=\"agentq:terminal\" content=\"true\"><meta name=\"agentq:reward\" content=\""
            + reward
            + "\">";
    return document(title, facts, header(s, null) + request(s) + body);
  }

  /** A plain message page of the session (a refusal, a missing choice). */
  String message(BookingSession s, String title, String text) {
    return document(
        title, "", header(s, null) + "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p>");
  }

  // --- the frame every page shares

  private String frame(
      BookingSession s,
      BookingState st,
      String path,
      String title,
      String body,
      Map<String, String> extra) {
    return document(
        title,
        "",
        header(s, st) + request(s) + "<main>" + body + "</main>" + talk(s, st, path, extra));
  }

  static String document(String title, String facts, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<meta name=\"agentq:requires\" content=\"javascript\">"
        + "<meta name=\"agentq:site\" content=\"booking\">"
        + facts
        + "<title>"
        + esc(title + " | " + BookingLabels.SITE)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + "</body></html>";
  }

  private static String header(BookingSession s, BookingState st) {
    StringBuilder b = new StringBuilder("<header>");
    b.append(
        link(s.prefix() + "/" + (st == null ? "" : conversation(st).query()), BookingLabels.SITE));
    b.append(" <span>Today is ")
        .append(esc(BookingLabels.longDate(s.task().today())))
        .append("</span>");
    if (st != null) {
      b.append("<form method=\"get\" action=\"")
          .append(esc(s.prefix() + "/search"))
          .append("\" autocomplete=\"off\">")
          .append(hidden(st, Set.of(BookingState.QUERY)))
          .append("<input type=\"text\" name=\"")
          .append(BookingState.QUERY)
          .append("\" aria-label=\"")
          .append(BookingLabels.SEARCH_BOX)
          .append("\" value=\"")
          .append(esc(st.text(BookingState.QUERY)))
          .append("\" size=\"40\"><button type=\"submit\">Search</button></form>");
    }
    return b.append("</header>").toString();
  }

  private static String request(BookingSession s) {
    return "<div class=\"request\">Request: " + esc(s.task().request()) + "</div>";
  }

  /** The conversation so far and the boxes to ask the user and to give the final answer. */
  private String talk(BookingSession s, BookingState st, String path, Map<String, String> extra) {
    StringBuilder b =
        new StringBuilder("<section class=\"talk\"><h2>Conversation with the user</h2>");
    SimulatedUser user = new SimulatedUser(s.task(), catalog, BookingData.USER_SEED);
    if (st.questions().isEmpty()) {
      b.append("<p>You have not asked the user anything yet.</p>");
    }
    for (String q : st.questions()) {
      b.append("<p>").append(esc(BookingLabels.YOU + q)).append("</p>");
      b.append("<p>").append(esc(BookingLabels.USER + user.answer(q))).append("</p>");
    }
    b.append("<form method=\"get\" action=\"")
        .append(esc(s.prefix() + path))
        .append("\" autocomplete=\"off\">")
        .append(hidden(st, Set.of()));
    extra.forEach((k, v) -> b.append(hiddenField(k, v)));
    b.append("<input type=\"text\" name=\"")
        .append(BookingServer.ASK)
        .append("\" aria-label=\"")
        .append(BookingLabels.ASK_BOX)
        .append("\" size=\"50\"><button type=\"submit\">Ask</button></form>");
    b.append("<form method=\"get\" action=\"")
        .append(esc(s.prefix() + "/tell"))
        .append("\" autocomplete=\"off\">")
        .append(hidden(st, Set.of()))
        .append("<input type=\"text\" name=\"")
        .append(BookingServer.TELL)
        .append("\" aria-label=\"")
        .append(BookingLabels.TELL_BOX)
        .append("\" size=\"50\"><button type=\"submit\">Write final answer</button></form>");
    return b.append("</section>").toString();
  }

  // --- pieces

  /** Only the conversation of a state: where the site's name leads, a fresh start. */
  private static BookingState conversation(BookingState st) {
    BookingState out = BookingState.empty();
    for (String q : st.questions()) {
      out = out.asked(q);
    }
    return out;
  }

  private static String selection(BookingState st) {
    return BookingLabels.date(st.date())
        + " · "
        + BookingLabels.party(st.party())
        + " · "
        + (st.time() == null ? "no time chosen" : BookingLabels.time(st.time()))
        + " · "
        + (st.seating() == null ? "no seating chosen" : st.seating().label());
  }

  private static String table(BookingState st) {
    Seating seat = st.seating();
    return st.restaurant()
        + ", "
        + BookingLabels.longDate(st.date())
        + " at "
        + BookingLabels.time(st.time())
        + ", "
        + BookingLabels.party(st.party())
        + ", "
        + seat.label();
  }

  private static String item(String what, String value) {
    return "<li>" + what + ": " + (value.isEmpty() ? "(missing)" : esc(value)) + "</li>";
  }

  private static String box(String name, String label, String value) {
    return "<p><label>"
        + esc(label)
        + " <input type=\"text\" name=\""
        + name
        + "\" aria-label=\""
        + esc(label)
        + "\" value=\""
        + esc(value)
        + "\"></label></p>";
  }

  private static String hidden(BookingState st, Set<String> except) {
    StringBuilder b = new StringBuilder();
    st.params()
        .forEach(
            (k, v) -> {
              if (!except.contains(k)) {
                b.append(hiddenField(k, v));
              }
            });
    return b.toString();
  }

  private static String hiddenField(String name, String value) {
    return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
  }

  private static String link(String href, String label) {
    return "<a href=\"" + esc(href) + "\">" + esc(label) + "</a>";
  }

  private static String script(String name) {
    try (InputStream in = BookingPages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the booking site's script " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the booking site's script " + name, e);
    }
  }
}
