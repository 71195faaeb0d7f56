package io.agentq.environments.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request says its date, relative to the task's "today" (which the site shows), and how such
 * a phrase resolves back to the date. Weeks run Monday to Sunday. The readings, chosen so that no
 * phrase is ambiguous:
 *
 * <ul>
 *   <li>"today", "tonight"; "tomorrow"; "the day after tomorrow"; "in N days"; "a week from today"
 *       (+7), "a week from tomorrow" (+8), "two weeks from today" (+14);
 *   <li>"this Friday": the Friday of this week, on or after today;
 *   <li>"on Friday": the first Friday after today (never today);
 *   <li>"Friday next week": the Friday of next week; "in two weeks on Friday": the Friday of the
 *       week after next (a writer never says "next Friday", which people read both ways);
 *   <li>"on December 18", "on Friday, December 18", "on the 18th of December", "on 18 December":
 *       the first such date on or after today (with a weekday, it must be that date's weekday).
 * </ul>
 */
public final class DatePhrase {
  private static final String DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String MONTH =
      "(january|february|march|april|may|june|july|august|september|october|november|december)";
  private static final Pattern THIS = Pattern.compile("this " + DAY);
  private static final Pattern ON_DAY = Pattern.compile("(?:on )?" + DAY);
  private static final Pattern NEXT_WEEK = Pattern.compile("(?:on )?" + DAY + " next week");
  private static final Pattern TWO_WEEKS =
      Pattern.compile("(?:in two weeks on " + DAY + "|(?:on )?" + DAY + " in two weeks)");
  private static final Pattern IN_DAYS = Pattern.compile("in " + NumberWords.PATTERN + " days");
  private static final Pattern MONTH_DAY =
      Pattern.compile("(?:on )?(?:" + DAY + ",? )?" + MONTH + " (\\d{1,2})(?:st|nd|rd|th)?");
  private static final Pattern DAY_OF_MONTH =
      Pattern.compile("(?:on )?(?:the )?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH);

  private DatePhrase() {}

  /** Every phrase this class writes for {@code date} seen from {@code today}; all resolve to it. */
  public static List<String> phrasings(LocalDate date, LocalDate today) {
    long delta = ChronoUnit.DAYS.between(today, date);
    List<String> out = new ArrayList<>();
    if (delta < 0) {
      throw new IllegalArgumentException(date + " is before today " + today);
    }
    String day = dayName(date.getDayOfWeek());
    if (delta == 0) {
      out.add("today");
    }
    if (delta == 1) {
      out.add("tomorrow");
    }
    if (delta == 2) {
      out.add("the day after tomorrow");
    }
    long weeks = ChronoUnit.WEEKS.between(monday(today), monday(date));
    if (delta >= 1 && weeks == 0) {
      out.add("this " + day);
    }
    if (delta >= 1 && delta <= 6) {
      out.add("on " + day);
    }
    if (weeks == 1) {
      out.add(day + " next week");
    }
    if (weeks == 2) {
      out.add("in two weeks on " + day);
    }
    if (delta == 7) {
      out.add("a week from today");
    }
    if (delta == 8) {
      out.add("a week from tomorrow");
    }
    if (delta == 14) {
      out.add("two weeks from today");
    }
    if (delta >= 3 && delta <= 10) {
      out.add("in " + NumberWords.word((int) delta) + " days");
    }
    String month = monthName(date.getMonth());
    int dom = date.getDayOfMonth();
    out.add("on " + month + " " + dom);
    out.add("on " + day + ", " + month + " " + dom);
    out.add("on the " + dom + ordinal(dom) + " of " + month);
    out.add("on " + dom + " " + month);
    return out;
  }

  /** The date a phrase names, seen from {@code today}; empty when it is not one of the readings. */
  public static Optional<LocalDate> resolve(String phrase, LocalDate today) {
    String p = phrase.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    switch (p) {
      case "today", "tonight", "this evening":
        return Optional.of(today);
      case "tomorrow", "tomorrow night", "tomorrow evening":
        return Optional.of(today.plusDays(1));
      case "the day after tomorrow":
        return Optional.of(today.plusDays(2));
      case "a week from today":
        return Optional.of(today.plusDays(7));
      case "a week from tomorrow":
        return Optional.of(today.plusDays(8));
      case "two weeks from today":
        return Optional.of(today.plusDays(14));
      default:
        break;
    }
    Matcher m;
    if ((m = THIS.matcher(p)).matches()) {
      LocalDate d = today.with(TemporalAdjusters.nextOrSame(day(m.group(1))));
      return ChronoUnit.WEEKS.between(monday(today), monday(d)) == 0
          ? Optional.of(d)
          : Optional.empty(); // "this Monday" said on a Tuesday: not a reading we allow
    }
    if ((m = NEXT_WEEK.matcher(p)).matches()) {
      return Optional.of(
          monday(today).plusWeeks(1).with(TemporalAdjusters.nextOrSame(day(m.group(1)))));
    }
    if ((m = TWO_WEEKS.matcher(p)).matches()) {
      String d = m.group(1) != null ? m.group(1) : m.group(2);
      return Optional.of(monday(today).plusWeeks(2).with(TemporalAdjusters.nextOrSame(day(d))));
    }
    if ((m = ON_DAY.matcher(p)).matches()) {
      return Optional.of(today.with(TemporalAdjusters.next(day(m.group(1)))));
    }
    if ((m = IN_DAYS.matcher(p)).matches()) {
      return Optional.of(today.plusDays(NumberWords.value(m.group(1)).getAsInt()));
    }
    if ((m = MONTH_DAY.matcher(p)).matches()) {
      return absolute(today, month(m.group(2)), Integer.parseInt(m.group(3)), m.group(1));
    }
    if ((m = DAY_OF_MONTH.matcher(p)).matches()) {
      return absolute(today, month(m.group(2)), Integer.parseInt(m.group(1)), null);
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> absolute(
      LocalDate today, Month month, int dom, String weekday) {
    if (dom < 1 || dom > month.maxLength()) {
      return Optional.empty();
    }
    for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
      if (dom > month.length(java.time.Year.isLeap(year))) {
        continue;
      }
      LocalDate d = LocalDate.of(year, month, dom);
      if (!d.isBefore(today)) {
        if (weekday != null && d.getDayOfWeek() != day(weekday)) {
          return Optional.empty();
        }
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** "Friday, December 11": how the simulated user and answers say a date. */
  public static String spoken(LocalDate date) {
    return dayName(date.getDayOfWeek())
        + ", "
        + monthName(date.getMonth())
        + " "
        + date.getDayOfMonth();
  }

  static String dayName(DayOfWeek d) {
    return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  static String monthName(Month m) {
    return m.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private static LocalDate monday(LocalDate d) {
    return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static DayOfWeek day(String name) {
    return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static Month month(String name) {
    return Month.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static String ordinal(int n) {
    if (n % 100 >= 11 && n % 100 <= 13) {
      return "th";
    }
    return switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }
}
