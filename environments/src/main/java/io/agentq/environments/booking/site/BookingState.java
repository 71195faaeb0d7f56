package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Seating;
import io.agentq.environments.shop.Html;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a booking page shows that is not the session: the search text, the chosen restaurant,
 * date, date window, party size, time and seating, the details typed so far, and the questions
 * asked of the user. It lives in the page's URL query and nowhere else, so opening a page's URL
 * restores its node of a search exactly. Parameters keep one fixed order ({@link #KEYS}, then the
 * questions {@code ask1}, {@code ask2}, ...), so one state has one URL.
 */
public final class BookingState {
  static final String QUERY = "q";
  static final String RESTAURANT = "r";
  static final String DATE = "d";
  static final String WEEK = "w";
  static final String PARTY = "n";
  static final String TIME = "t";
  static final String SEATING = "st";
  static final String NAME = "name";
  static final String PHONE = "phone";
  static final String EMAIL = "email";
  static final String NOTES = "notes";
  static final String QUESTION = "ask";

  /** The fields in URL order (the questions follow as ask1, ask2, ...). */
  static final List<String> KEYS =
      List.of(QUERY, RESTAURANT, DATE, WEEK, PARTY, TIME, SEATING, NAME, PHONE, EMAIL, NOTES);

  /** The largest party the party-size control offers. */
  static final int MAX_PARTY = 10;

  private final Map<String, String> fields;
  private final List<String> questions;

  private BookingState(Map<String, String> fields, List<String> questions) {
    this.fields = fields;
    this.questions = List.copyOf(questions);
  }

  public static BookingState empty() {
    return new BookingState(new LinkedHashMap<>(), List.of());
  }

  /**
   * The state a URL's parameters hold; other parameters are ignored, blank values are absent.
   *
   * @throws IllegalArgumentException naming the parameter whose value cannot be read
   */
  public static BookingState of(Map<String, String> params) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String k : KEYS) {
      String v = params.get(k);
      if (v != null && !v.isBlank()) {
        fields.put(k, v.strip());
      }
    }
    List<String> questions = new ArrayList<>();
    for (int i = 1; params.containsKey(QUESTION + i); i++) {
      String q = params.get(QUESTION + i);
      if (!q.isBlank()) {
        questions.add(q.strip());
      }
    }
    BookingState s = new BookingState(fields, questions);
    s.date();
    s.week();
    s.time();
    s.seating();
    s.party();
    return s;
  }

  /** This state with {@code key} set to {@code value}, or removed when the value is null. */
  public BookingState with(String key, String value) {
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("no booking state field '" + key + "'");
    }
    Map<String, String> next = new LinkedHashMap<>(fields);
    if (value == null || value.isBlank()) {
      next.remove(key);
    } else {
      next.put(key, value.strip());
    }
    return new BookingState(next, questions);
  }

  /** This state with one more question asked of the user. */
  public BookingState asked(String question) {
    List<String> more = new ArrayList<>(questions);
    more.add(question.strip());
    return new BookingState(fields, more);
  }

  /** The parameters in URL order. */
  public Map<String, String> params() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : KEYS) {
      if (fields.containsKey(k)) {
        out.put(k, fields.get(k));
      }
    }
    for (int i = 0; i < questions.size(); i++) {
      out.put(QUESTION + (i + 1), questions.get(i));
    }
    return out;
  }

  /** The URL query ("?q=..." or "" for the empty state). */
  public String query() {
    return Html.query(params());
  }

  public String text(String key) {
    return fields.getOrDefault(key, "");
  }

  public String restaurant() {
    return text(RESTAURANT);
  }

  public LocalDate date() {
    return parse(DATE, LocalDate::parse, "a date yyyy-mm-dd");
  }

  public LocalDate week() {
    return parse(WEEK, LocalDate::parse, "a date yyyy-mm-dd");
  }

  public LocalTime time() {
    return parse(TIME, LocalTime::parse, "a time hh:mm");
  }

  /** The party size, or 0 when none is chosen. */
  public int party() {
    String v = fields.get(PARTY);
    if (v == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_PARTY) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "URL parameter " + PARTY + "='" + v + "' is not a party size from 1 to " + MAX_PARTY);
  }

  public Seating seating() {
    String v = fields.get(SEATING);
    if (v == null) {
      return null;
    }
    return Seating.ofLabel(v)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "URL parameter "
                        + SEATING
                        + "='"
                        + v
                        + "' is not a seating (indoor, outdoor, bar or counter)"));
  }

  public List<String> questions() {
    return questions;
  }

  private <T> T parse(String key, java.util.function.Function<String, T> reader, String what) {
    String v = fields.get(key);
    if (v == null) {
      return null;
    }
    try {
      return reader.apply(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("URL parameter " + key + "='" + v + "' is not " + what);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BookingState s && s.params().equals(params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return query();
  }
}
