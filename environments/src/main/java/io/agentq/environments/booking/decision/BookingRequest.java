package io.agentq.environments.booking.decision;

import io.agentq.environments.booking.BookingTaskGenerator;
import io.agentq.environments.booking.DatePhrase;
import io.agentq.environments.booking.PartyPhrase;
import io.agentq.environments.booking.Seating;
import io.agentq.environments.booking.TimePhrase;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a booking request asks for, as the site's own reader takes it from the request's text and
 * the date the page says it is: the restaurant (by name, or by cuisine and area), the date, the
 * requested times, the party size and the seating when the request states one. It reads the text
 * the way the requests are phrased (the generator's templates and phrase grammars); it never sees a
 * task's hidden fields. Fields it cannot read are null (or 0 for the party).
 *
 * @param restaurant the restaurant's name, or null when the request names it by cuisine and area
 * @param cuisine with {@code area}, how an unnamed restaurant is described (null when named)
 */
public record BookingRequest(
    String restaurant,
    String cuisine,
    String area,
    LocalDate date,
    List<LocalTime> times,
    int party,
    Seating seating) {
  private static final String UNNAMED = " restaurant in ";

  public BookingRequest {
    times = times == null ? List.of() : List.copyOf(times);
  }

  /** Nothing read. */
  public static BookingRequest unread() {
    return new BookingRequest(null, null, null, null, List.of(), 0, null);
  }

  /** Whether the request was read (a template matched). */
  public boolean read() {
    return restaurant != null || cuisine != null;
  }

  /** What to type into the site's search box to find the restaurant. */
  public String searchQuery() {
    return restaurant != null ? restaurant : cuisine + " " + area;
  }

  /**
   * Reads {@code request} with relative dates resolved against {@code today} (null: the date stays
   * unread); {@link #unread()} when no template fits.
   */
  public static BookingRequest read(String request, LocalDate today) {
    for (String template : BookingTaskGenerator.templates()) {
      Map<Character, String> spans = new java.util.HashMap<>();
      if (match(parts(template), 0, request.strip(), 0, spans, today)) {
        return of(spans, today);
      }
    }
    return unread();
  }

  private static BookingRequest of(Map<Character, String> spans, LocalDate today) {
    String ref = spans.get('r');
    String restaurant = ref;
    String cuisine = null;
    String area = null;
    String lower = ref.toLowerCase(Locale.ROOT);
    int in = lower.indexOf(UNNAMED);
    if ((lower.startsWith("a ") || lower.startsWith("the ")) && in > 0) {
      cuisine = ref.substring(ref.indexOf(' ') + 1, in);
      area = ref.substring(in + UNNAMED.length());
      restaurant = null;
    }
    return new BookingRequest(
        restaurant,
        cuisine,
        area,
        today == null ? null : DatePhrase.resolve(spans.get('d'), today).orElse(null),
        TimePhrase.parse(spans.get('t')).orElse(List.of()),
        PartyPhrase.parse(spans.get('p')).orElse(0),
        seating(spans.getOrDefault('s', "")).orElse(null));
  }

  /** A template as literal text and one-letter placeholders ("{r}" is 'r'), in order. */
  private static List<Object> parts(String template) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.add(template.substring(i));
        break;
      }
      if (open > i) {
        out.add(template.substring(i, open));
      }
      out.add(template.charAt(open + 1));
      i = open + 3;
    }
    return out;
  }

  /**
   * Whether {@code text} from {@code at} matches the parts from {@code part}, each placeholder's
   * span a phrase of its kind; the spans found go into {@code spans}. The first reading wins,
   * shortest restaurant name first: a name that ends like a phrase is misread ("Pierre's Garden
   * Table for two" reads as "Pierre's Garden" for two), as a person might.
   */
  private static boolean match(
      List<Object> parts,
      int part,
      String text,
      int at,
      Map<Character, String> spans,
      LocalDate today) {
    if (part == parts.size()) {
      return at == text.length();
    }
    Object p = parts.get(part);
    if (p instanceof String literal) {
      return text.regionMatches(true, at, literal, 0, literal.length())
          && match(parts, part + 1, text, at + literal.length(), spans, today);
    }
    char kind = (Character) p;
    for (int end = kind == 's' ? at : at + 1; end <= text.length(); end++) {
      String span = text.substring(at, end);
      if (fits(kind, span, today) && match(parts, part + 1, text, end, spans, today)) {
        spans.put(kind, span);
        return true;
      }
    }
    return false;
  }

  private static boolean fits(char kind, String span, LocalDate today) {
    if (!span.equals(span.strip()) && kind != 's') {
      return false;
    }
    return switch (kind) {
      case 'r' -> !span.isEmpty();
      case 'd' ->
          DatePhrase.resolve(span, today == null ? LocalDate.of(2000, 1, 3) : today).isPresent();
      case 't' -> TimePhrase.parse(span).isPresent();
      case 'p' -> {
        OptionalInt n = PartyPhrase.parse(span);
        yield n.isPresent();
      }
      case 's' -> span.isEmpty() || seating(span).isPresent();
      default -> false;
    };
  }

  /** The seating a request's seating phrase states (", on the patio"), or empty. */
  static Optional<Seating> seating(String phrase) {
    for (Seating s : Seating.values()) {
      for (String p : BookingTaskGenerator.seatingPhrases(s)) {
        if (p.equalsIgnoreCase(phrase)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }
}
