package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Seating;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of the booking site's pages that agents act on: page titles, control labels and how
 * dates, times, party sizes and seatings are written on buttons. The pages and the site's expert
 * both read them from here, so a label changed in one place changes for both.
 */
public final class BookingLabels {
  public static final String SITE = "agentq tables";
  public static final String SEARCH_BOX = "Search restaurants";
  public static final String ASK_BOX = "Ask the user";
  public static final String TELL_BOX = "Tell the user";
  public static final String NAME_BOX = "Name";
  public static final String PHONE_BOX = "Phone";
  public static final String EMAIL_BOX = "Email";
  public static final String NOTES_BOX = "Notes for the restaurant";
  public static final String EARLIER_DATES = "Earlier dates";
  public static final String LATER_DATES = "Later dates";
  public static final String CONTINUE = "Continue to details";
  public static final String REVIEW = "Review reservation";
  public static final String COMPLETE = "Complete reservation";
  public static final String SEND = "Send answer and finish";

  /** Where a line of the conversation comes from, as the pages write it: "You: ..." */
  public static final String YOU = "You: ";

  public static final String USER = "User: ";

  private static final DateTimeFormatter BUTTON_DATE =
      DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);
  private static final DateTimeFormatter LONG_DATE =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

  /** The site's pages, each known by how its title starts. */
  public enum Page {
    HOME("Find a table"),
    RESULTS("Results"),
    RESTAURANT("Table at"),
    DETAILS("Your details"),
    REVIEW("Review"),
    TELL("Message to the user"),
    BOOKED("Booked"),
    SENT("Message sent");

    private final String title;

    Page(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }

    /** The page whose title this is, or null for a page that is not the booking site's. */
    public static Page of(String title) {
      for (Page p : values()) {
        if (title.startsWith(p.title)) {
          return p;
        }
      }
      return null;
    }
  }

  private BookingLabels() {}

  /** A date button: "Fri Dec 11". */
  public static String date(LocalDate d) {
    return BUTTON_DATE.format(d);
  }

  /** A date in a sentence: "Friday, December 11, 2026". */
  public static String longDate(LocalDate d) {
    return LONG_DATE.format(d);
  }

  /** The date a sentence writes with {@link #longDate}, or empty when it is not one. */
  public static java.util.Optional<LocalDate> readLongDate(String text) {
    try {
      return java.util.Optional.of(LocalDate.parse(text.strip(), LONG_DATE));
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** A party-size button: "1 person", "4 people". */
  public static String party(int n) {
    return n == 1 ? "1 person" : n + " people";
  }

  /** A time button: "7:30 PM", "12:00 PM". */
  public static String time(LocalTime t) {
    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    return String.format(
        Locale.ROOT, "%d:%02d %s", h, t.getMinute(), t.getHour() < 12 ? "AM" : "PM");
  }

  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2}) (AM|PM)");

  /** The time a time button's label shows ("7:30 PM"), or empty for any other label. */
  public static java.util.Optional<LocalTime> parseTime(String label) {
    java.util.regex.Matcher m = TIME.matcher(label);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    int h = Integer.parseInt(m.group(1)) % 12 + (m.group(3).equals("PM") ? 12 : 0);
    return java.util.Optional.of(LocalTime.of(h, Integer.parseInt(m.group(2))));
  }

  /** A seating button: "Indoor", "Outdoor", "Bar", "Counter". */
  public static String seating(Seating s) {
    return Character.toUpperCase(s.label().charAt(0)) + s.label().substring(1);
  }
}
