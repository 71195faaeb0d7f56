package io.agentq.environments.booking;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request says its time: an exact time ("at 7:30pm", "at 19:30", "at half past seven in the
 * evening", "at noon"), a window ("between 7 and 8pm": every half hour from 7 to 8 pm, both
 * included) or an approximate time ("around noon": the half hour before, the time and the half hour
 * after); and how such a phrase reads back to the seating times it allows.
 *
 * <p>A clock time without am or pm is read as a restaurant would: 11 is 11 am, 12 is noon, 1 to 10
 * are pm.
 */
public final class TimePhrase {
  private static final String CLOCK =
      "(noon|half past " + NumberWords.PATTERN + "|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?)";
  private static final Pattern AROUND =
      Pattern.compile("(?:at )?(?:around|about) " + CLOCK + "(.*)");
  private static final Pattern BETWEEN =
      Pattern.compile("(?:sometime )?between " + CLOCK + " and " + CLOCK + "(.*)");
  private static final Pattern AT = Pattern.compile("(?:at )?" + CLOCK + "(.*)");
  private static final Pattern ONE =
      Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?|half past " + NumberWords.PATTERN);
  private static final String EVENING = " in the evening";

  private TimePhrase() {}

  /** Phrases for one exact time. */
  public static List<String> exact(LocalTime t) {
    List<String> out = new ArrayList<>();
    if (t.equals(LocalTime.NOON)) {
      out.add("at noon");
    }
    out.add("at " + spoken(t).replace(" ", ""));
    out.add("at " + spoken(t));
    out.add("at " + t);
    if (t.getMinute() == 30 && t.getHour() >= 17) {
      out.add("at half past " + NumberWords.word(t.getHour() - 12) + EVENING);
    }
    return out;
  }

  /** Phrases for every half hour from {@code from} to {@code to}, both included. */
  public static List<String> between(LocalTime from, LocalTime to) {
    List<String> out = new ArrayList<>();
    if (from.getHour() >= 13 && to.getHour() >= 13) {
      out.add("between " + bare(from) + " and " + spoken(to).replace(" ", ""));
    }
    if (from.getHour() >= 17) {
      out.add("sometime between " + bare(from) + " and " + bare(to) + EVENING);
    }
    out.add("between " + spoken(from) + " and " + spoken(to));
    out.add("between " + from + " and " + to);
    return out;
  }

  /** Phrases for the half hour before {@code t}, {@code t} and the half hour after. */
  public static List<String> around(LocalTime t) {
    List<String> out = new ArrayList<>();
    out.add(t.equals(LocalTime.NOON) ? "around noon" : "around " + spoken(t).replace(" ", ""));
    out.add("at about " + spoken(t));
    return out;
  }

  /** The seating times a phrase allows, in order; empty when it is none of the readings. */
  public static Optional<List<LocalTime>> parse(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    Matcher m;
    if ((m = AROUND.matcher(p)).matches()) {
      Optional<LocalTime> t = clock(m.group(1), m.group(3));
      return t.map(x -> List.of(x.minusMinutes(30), x, x.plusMinutes(30)));
    }
    if ((m = BETWEEN.matcher(p)).matches()) {
      String suffix = m.group(5);
      Optional<LocalTime> to = clock(m.group(3), suffix);
      // "between 7 and 8pm": the second clock's am/pm carries to the first.
      String meridiem = m.group(3).endsWith("pm") ? "pm" : m.group(3).endsWith("am") ? "am" : "";
      String first = m.group(1).matches(".*(am|pm)$") ? m.group(1) : m.group(1) + meridiem;
      Optional<LocalTime> from = clock(first, suffix);
      if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())) {
        return Optional.empty();
      }
      List<LocalTime> out = new ArrayList<>();
      for (LocalTime t = from.get(); !t.isAfter(to.get()); t = t.plusMinutes(30)) {
        out.add(t);
      }
      return Optional.of(out);
    }
    if ((m = AT.matcher(p)).matches()) {
      return clock(m.group(1), m.group(3)).map(List::of);
    }
    return Optional.empty();
  }

  /**
   * One clock time in text such as "8:30", "8.30pm", "20:30", "half past eight" or "noon", read as
   * a restaurant would; {@code rest} is what follows it ("in the evening" makes it pm).
   */
  public static Optional<LocalTime> clock(String text, String rest) {
    String s = text.toLowerCase(Locale.ROOT).strip().replace('.', ':');
    if (s.equals("noon")) {
      return Optional.of(LocalTime.NOON);
    }
    String tail = rest == null ? "" : rest.strip();
    if (!tail.isEmpty() && !tail.equals(EVENING.strip())) {
      return Optional.empty();
    }
    Matcher m = ONE.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    int hour;
    int minute;
    String meridiem;
    if (m.group(4) != null) {
      hour = NumberWords.value(m.group(4)).getAsInt();
      minute = 30;
      meridiem = null;
    } else {
      hour = Integer.parseInt(m.group(1));
      minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      meridiem = m.group(3);
    }
    if (minute > 59 || hour > 23) {
      return Optional.empty();
    }
    boolean evening = !tail.isEmpty();
    if (hour <= 12 && ("pm".equals(meridiem) || evening)) {
      hour = hour == 12 ? 12 : hour + 12;
    } else if ("am".equals(meridiem)) {
      if (hour > 12) {
        return Optional.empty();
      }
      hour = hour == 12 ? 0 : hour;
    } else if (meridiem == null && hour >= 1 && hour <= 10 && !s.matches("0\\d.*")) {
      hour += 12; // a restaurant's "8:30" is in the evening
    }
    return Optional.of(LocalTime.of(hour, minute));
  }

  /** "7:30 pm", "7 pm", "11:30 am", "12 pm" as people say them. */
  public static String spoken(LocalTime t) {
    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    String meridiem = t.getHour() < 12 ? "am" : "pm";
    return (t.getMinute() == 0
            ? Integer.toString(h)
            : h + ":" + String.format("%02d", t.getMinute()))
        + " "
        + meridiem;
  }

  private static String bare(LocalTime t) {
    return spoken(t).replaceAll(" (am|pm)$", "");
  }
}
