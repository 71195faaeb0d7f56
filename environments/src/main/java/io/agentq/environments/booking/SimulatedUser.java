package io.agentq.environments.booking;

import io.agentq.core.Action;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The user behind a booking task, answering the agent's {@link Action.Ask} questions from the
 * task's request, profile and hidden preferences only. It tells each part only when asked about it
 * (asking the phone never reveals the occasion), says {@value #DONT_KNOW} to anything it cannot
 * read, and has no other effect: it never books and never ends the episode. The wording is drawn
 * from a generator seeded by the task, the user's seed and the question's normalised text, so the
 * same question always gets the same answer.
 */
public final class SimulatedUser {
  public static final String DONT_KNOW = "I don't know.";

  private final BookingTask task;
  private final RestaurantCatalog catalog;
  private final long seed;

  public SimulatedUser(BookingTask task, RestaurantCatalog catalog, long seed) {
    this.task = task;
    this.catalog = catalog;
    this.seed = seed;
  }

  public String answer(Action.Ask ask) {
    return answer(ask.question());
  }

  public String answer(String question) {
    String normalised = question.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    QuestionKind.Reading reading = QuestionKind.read(normalised);
    if (reading.kinds().isEmpty()) {
      return DONT_KNOW;
    }
    SplittableRandom rng =
        new SplittableRandom(seed * 1_000_003L + task.id() * 31L + normalised.hashCode());
    List<String> parts = new ArrayList<>();
    for (QuestionKind k : reading.kinds()) {
      parts.add(part(k, reading, rng));
    }
    return String.join(" ", parts);
  }

  private String part(QuestionKind kind, QuestionKind.Reading reading, SplittableRandom rng) {
    UserProfile p = task.profile();
    HiddenPreferences h = task.preferences();
    return switch (kind) {
      case RESTAURANT -> restaurant();
      case NAME -> pick(rng, "My name is " + p.name() + ".", "It's under " + p.name() + ".");
      case PHONE ->
          pick(rng, "My number is " + p.phone() + ".", "You can reach me at " + p.phone() + ".");
      case EMAIL -> pick(rng, "My email is " + p.email() + ".", "It's " + p.email() + ".");
      case PARTY_SIZE ->
          pick(
              rng,
              "We are " + task.partySize() + ".",
              "A party of " + task.partySize() + ".",
              task.partySize() + (task.partySize() == 1 ? " person." : " people."));
      case DATE ->
          pick(
              rng,
              "On " + DatePhrase.spoken(task.date()) + ".",
              DatePhrase.spoken(task.date()) + ", please.");
      case TIME -> requestedTime();
      case ALTERNATIVE_TIMES -> alternatives();
      case TIME_OK -> timesOk(reading.times(), rng);
      case SEATING -> seating();
      case SEATING_OK -> seatingOk(reading.seatings().get(0), rng);
      case OCCASION ->
          h.occasion().isEmpty()
              ? "No, there's no special occasion."
              : "Yes, " + h.occasion() + ".";
      case DIETARY ->
          h.dietary().isEmpty() ? "No dietary restrictions." : "Yes, " + h.dietary() + ".";
      case SPECIAL_REQUESTS -> specialRequests();
    };
  }

  private String restaurant() {
    if (task.restaurantNamed()) {
      return "I'd like " + task.restaurant() + ".";
    }
    Restaurant r = catalog.restaurant(task.restaurant());
    return "A " + r.cuisine() + " restaurant in " + r.area() + "; I don't know its name.";
  }

  private String requestedTime() {
    List<LocalTime> t = task.times();
    return t.size() == 1
        ? "At " + TimePhrase.spoken(t.get(0)) + "."
        : "Any time between "
            + TimePhrase.spoken(t.get(0))
            + " and "
            + TimePhrase.spoken(t.get(t.size() - 1))
            + ".";
  }

  private String alternatives() {
    List<LocalTime> alt = task.preferences().alternativeTimes();
    if (alt.isEmpty()) {
      return "No, I can't do any other time.";
    }
    List<String> spoken = alt.stream().map(TimePhrase::spoken).toList();
    return "I could also do " + list(spoken, "or") + ".";
  }

  private String timesOk(List<LocalTime> times, SplittableRandom rng) {
    Set<LocalTime> ok = new LinkedHashSet<>(task.times());
    ok.addAll(task.preferences().alternativeTimes());
    if (times.size() == 1) {
      String t = TimePhrase.spoken(times.get(0));
      return ok.contains(times.get(0))
          ? pick(rng, "Yes, " + t + " works for me.", "Yes, " + t + " is fine.")
          : pick(rng, "No, " + t + " doesn't work for me.", "No, " + t + " is no good for me.");
    }
    List<String> parts = new ArrayList<>();
    for (LocalTime t : times) {
      parts.add(
          ok.contains(t)
              ? "Yes, " + TimePhrase.spoken(t) + " works."
              : "No, " + TimePhrase.spoken(t) + " doesn't work.");
    }
    return String.join(" ", parts);
  }

  private String seating() {
    List<Seating> accepted = task.preferences().seatings();
    Seating first = task.seating() != null ? task.seating() : accepted.get(0);
    List<String> others =
        accepted.stream().filter(s -> s != first).map(SimulatedUser::place).toList();
    String want = "I'd like to sit " + place(first) + ".";
    return others.isEmpty()
        ? want + " Nowhere else, please."
        : want + " " + capitalise(list(others, "or")) + " would also be fine.";
  }

  private String seatingOk(Seating s, SplittableRandom rng) {
    return task.preferences().seatings().contains(s)
        ? pick(rng, "Yes, " + place(s) + " is fine.", "Yes, I'm happy to sit " + place(s) + ".")
        : pick(
            rng, "No, I'd rather not sit " + place(s) + ".", "No, not " + place(s) + ", please.");
  }

  private String specialRequests() {
    HiddenPreferences h = task.preferences();
    List<String> notes = new ArrayList<>();
    if (!h.occasion().isEmpty()) {
      notes.add(h.occasion());
    }
    if (!h.dietary().isEmpty()) {
      notes.add(h.dietary());
    }
    return notes.isEmpty() ? "No, nothing else." : "Yes: " + String.join(", and ", notes) + ".";
  }

  /** "indoors", "outside", "at the bar", "at the counter". */
  public static String place(Seating s) {
    return switch (s) {
      case INDOOR -> "indoors";
      case OUTDOOR -> "outdoors";
      case BAR -> "at the bar";
      case COUNTER -> "at the counter";
    };
  }

  private static String list(List<String> items, String conjunction) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " "
        + conjunction
        + " "
        + items.get(items.size() - 1);
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String pick(SplittableRandom rng, String... options) {
    return options[rng.nextInt(options.length)];
  }
}
