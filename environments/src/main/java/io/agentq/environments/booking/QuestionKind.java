package io.agentq.environments.booking;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question to the user is about, by simple keyword rules. A question may be about several
 * things ("your name and phone number?"). A question that names times ("Would 8:30 work?") is
 * {@link #TIME_OK}, one that names one seating ("Is the bar OK?") is {@link #SEATING_OK}; these
 * take the place of the general {@link #TIME} and {@link #SEATING}. A question that names two
 * seatings ("inside or outside?") asks where the user wants to sit.
 */
public enum QuestionKind {
  RESTAURANT,
  NAME,
  PHONE,
  EMAIL,
  PARTY_SIZE,
  DATE,
  TIME,
  ALTERNATIVE_TIMES,
  TIME_OK,
  SEATING,
  SEATING_OK,
  OCCASION,
  DIETARY,
  SPECIAL_REQUESTS;

  private static final Pattern CLOCK =
      Pattern.compile(
          "\\b(noon|half past \\w+|\\d{1,2}:\\d{2}\\s*(?:am|pm)?|\\d{1,2}\\s*(?:am|pm)"
              + "|\\d{1,2}(?= ?o'clock))");
  private static final Pattern AT_HOUR =
      Pattern.compile(
          "\\b(?:at|about|say|would|does|try|or) (\\d{1,2})\\b(?! ?(?:people|guests|persons|of us|:))");

  /** A question, read. */
  public record Reading(Set<QuestionKind> kinds, List<LocalTime> times, List<Seating> seatings) {}

  public static Reading read(String question) {
    String q =
        " " + question.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ") + " ";
    Set<QuestionKind> kinds = EnumSet.noneOf(QuestionKind.class);
    if (has(
            q,
            "restaurant",
            "which place",
            "where do you want to eat",
            "where would you like to eat")
        && !has(q, "restaurant know")) {
      kinds.add(RESTAURANT);
    }
    if (has(
            q,
            "your name",
            "full name",
            "under what name",
            "under which name",
            "name for",
            "who is the reservation for",
            "what name",
            "last name",
            "first name",
            "name?",
            "name ")
        && !has(q, "restaurant name", "name of the restaurant")) {
      kinds.add(NAME);
    }
    boolean partyWords =
        has(
            q,
            "how many",
            "party",
            "people",
            "guests",
            "persons",
            "number of",
            "group size",
            "how big");
    if (has(q, "phone", "mobile", " cell", "telephone", "call you", "reach you")
        || (q.contains("number") && !has(q, "number of", "party", "card", "confirmation"))) {
      kinds.add(PHONE);
    }
    if (has(q, "email", "e-mail", "mail address")) {
      kinds.add(EMAIL);
    }
    if (partyWords) {
      kinds.add(PARTY_SIZE);
    }
    if (has(q, "date", " day", "when ", "which day", "what day")) {
      kinds.add(DATE);
    }
    if (has(
        q,
        "other time",
        "another time",
        "alternative",
        "earlier",
        "later",
        "flexible",
        "instead",
        "other slot",
        "different time")) {
      kinds.add(ALTERNATIVE_TIMES);
    } else if (has(q, "time", "when ", "what hour", "o'clock")) {
      kinds.add(TIME);
    }
    List<LocalTime> times = times(q);
    if (!times.isEmpty()) {
      kinds.remove(TIME);
      kinds.remove(ALTERNATIVE_TIMES);
      kinds.add(TIME_OK);
    }
    List<Seating> seatings = new ArrayList<>();
    for (Seating s : Seating.values()) {
      for (String w : s.words()) {
        if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(q).find()) {
          seatings.add(s);
          break;
        }
      }
    }
    if (seatings.size() == 1) {
      kinds.add(SEATING_OK);
    } else if (seatings.size() > 1
        || has(
            q, "seat", " sit", "seating", "table type", "kind of table", "where would you like")) {
      kinds.add(SEATING);
    }
    if (has(q, "occasion", "celebrat", "birthday", "anniversary", "special event")) {
      kinds.add(OCCASION);
    }
    if (has(
        q,
        "diet",
        "allerg",
        "vegetarian",
        "vegan",
        "gluten",
        "food restriction",
        "restrictions",
        "can't eat",
        "cannot eat")) {
      kinds.add(DIETARY);
    }
    if (has(
        q,
        "special request",
        "anything else",
        "notes",
        "requests",
        "should know",
        "should the restaurant know",
        "let the restaurant know",
        "any comments")) {
      kinds.add(SPECIAL_REQUESTS);
    }
    return new Reading(kinds, times, List.copyOf(seatings));
  }

  /** The times a question names, read as a restaurant would (8:30 is 20:30). */
  static List<LocalTime> times(String q) {
    Matcher m = CLOCK.matcher(q);
    List<LocalTime> found = new ArrayList<>();
    while (m.find()) {
      String rest = q.substring(m.end()).startsWith(" in the evening") ? " in the evening" : "";
      TimePhrase.clock(m.group(1), rest).filter(t -> !found.contains(t)).ifPresent(found::add);
    }
    Matcher a = AT_HOUR.matcher(q);
    while (a.find()) {
      TimePhrase.clock(a.group(1), "").filter(t -> !found.contains(t)).ifPresent(found::add);
    }
    return found;
  }

  private static boolean has(String q, String... words) {
    for (String w : words) {
      if (q.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
