package io.agentq.environments.booking;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an agent's final answer tells the user that the booking could not be made, and why, by
 * keyword rules: it must say it was not booked ("couldn't", "unable", "fully booked", "no table",
 * "unavailable", ...) and give a reason ("full", "no availability", "taken", ...) or name one of
 * the requested times. "I couldn't do it." alone is not enough; "Friday at 7 pm is fully booked."
 * is.
 */
public final class CouldNotBookAnswer {
  private static final Pattern NOT_BOOKED =
      Pattern.compile(
          "\\b(couldn't|could not|can't|cannot|can not|unable|wasn't able|was not able|not able"
              + "|not possible|impossible|unavailable|not available|no availability|fully booked"
              + "|booked up|no tables?|no free tables?|no open|sold out|did not book|didn't book"
              + "|not book|no reservation)\\b");
  private static final Pattern WHY =
      Pattern.compile(
          "\\b(full|fully booked|booked up|no availability|unavailable|not available|no tables?"
              + "|no free|no open|sold out|taken|no slots?|none of|no space|no room|capacity)\\b");

  private CouldNotBookAnswer() {}

  public static boolean explains(String answer, BookingTask task) {
    if (answer == null || answer.isBlank()) {
      return false;
    }
    String a = answer.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
    return NOT_BOOKED.matcher(a).find() && (WHY.matcher(a).find() || namesATime(a, task));
  }

  private static boolean namesATime(String a, BookingTask task) {
    for (LocalTime t : task.times()) {
      for (String form : forms(t)) {
        if (Pattern.compile("(?<![\\d:])" + Pattern.quote(form) + "(?![\\d:])").matcher(a).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** "7:30 pm", "7:30pm", "19:30", "7:30 p.m."; "7 pm", "7pm", "19:00", "noon" on the hour. */
  private static List<String> forms(LocalTime t) {
    List<String> out = new ArrayList<>();
    String spoken = TimePhrase.spoken(t);
    out.add(spoken);
    out.add(spoken.replace(" ", ""));
    out.add(spoken.replace("pm", "p.m.").replace("am", "a.m."));
    out.add(t.toString());
    if (t.getMinute() == 0) {
      int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      out.add(h + ":00");
      out.add(h + " o'clock");
    }
    if (t.equals(LocalTime.NOON)) {
      out.add("noon");
    }
    return out;
  }
}
