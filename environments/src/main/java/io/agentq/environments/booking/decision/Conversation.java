package io.agentq.environments.booking.decision;

import io.agentq.environments.booking.Seating;
import io.agentq.environments.booking.TimePhrase;
import io.agentq.environments.booking.site.BookingLabels;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversation with the user as a booking page shows it ("You: ..." then "User: ..." lines),
 * and what the agent may take from the answers: the details the user gave, where they would sit,
 * which other times they can do.
 */
public final class Conversation {
  private static final Pattern CLOCK =
      Pattern.compile("(\\d{1,2}(?::\\d{2})? ?(?:am|pm))", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> answers;

  private Conversation(Map<String, String> answers) {
    this.answers = answers;
  }

  /** The questions and answers in a page's text, in order. */
  public static Conversation of(String pageText) {
    Map<String, String> out = new LinkedHashMap<>();
    String question = null;
    for (String raw : pageText.split("\n")) {
      String line = raw.strip();
      if (line.startsWith(BookingLabels.YOU)) {
        question = line.substring(BookingLabels.YOU.length()).strip();
      } else if (line.startsWith(BookingLabels.USER) && question != null) {
        out.put(question, line.substring(BookingLabels.USER.length()).strip());
        question = null;
      }
    }
    return new Conversation(out);
  }

  public boolean asked(String question) {
    return answers.containsKey(question);
  }

  /** The user's answer to {@code question}, if it was asked. */
  public Optional<String> answer(String question) {
    return Optional.ofNullable(answers.get(question));
  }

  /**
   * The detail an answer gives ("My name is Ana Ruiz." is "Ana Ruiz"): what follows the answer's
   * lead-in, without the final full stop; the whole answer for one that starts "Yes:".
   */
  public static String detail(String answer) {
    String a = answer.strip();
    if (a.startsWith("Yes:")) {
      return a;
    }
    for (String lead :
        List.of(
            "My name is ",
            "It's under ",
            "My number is ",
            "You can reach me at ",
            "My email is ",
            "It's ")) {
      if (a.startsWith(lead)) {
        a = a.substring(lead.length());
        break;
      }
    }
    return a.endsWith(".") ? a.substring(0, a.length() - 1) : a;
  }

  /** The seatings an answer about where to sit accepts, the first the one preferred. */
  public static List<Seating> seatings(String answer) {
    List<Seating> out = new ArrayList<>();
    String a = answer.toLowerCase(Locale.ROOT);
    int cut = a.indexOf("nowhere else");
    if (cut >= 0) {
      a = a.substring(0, cut);
    }
    List<int[]> found = new ArrayList<>();
    for (Seating s : Seating.values()) {
      int at = -1;
      for (String w : s.words()) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(a);
        if (m.find() && (at < 0 || m.start() < at)) {
          at = m.start();
        }
      }
      if (at >= 0) {
        found.add(new int[] {at, s.ordinal()});
      }
    }
    found.sort((x, y) -> Integer.compare(x[0], y[0]));
    for (int[] f : found) {
      out.add(Seating.values()[f[1]]);
    }
    return out;
  }

  /** The clock times an answer names ("I could also do 7:30 pm or 8 pm"), in order. */
  public static List<LocalTime> times(String answer) {
    List<LocalTime> out = new ArrayList<>();
    Matcher m = CLOCK.matcher(answer);
    while (m.find()) {
      TimePhrase.clock(m.group(1).replace(" ", ""), "").ifPresent(out::add);
    }
    return out;
  }
}
