package io.agentq.environments.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes booking tasks for a catalogue deterministically from a seed: {@value #PER_RESTAURANT} per
 * restaurant, of which {@value #UNBOOKABLE_PER_RESTAURANT} are meant to be unbookable as asked (the
 * requested slot is full and so is every alternative the user accepts). Whether a task is bookable
 * is always computed from the inventory ({@link AcceptableTables}), never assumed: a draw whose
 * computed outcome is not the one aimed at is redrawn. Aiming per restaurant keeps the unbookable
 * share the same in every split, since splits are by restaurant.
 *
 * <p>Every phrase of a request is checked against its reader ({@link DatePhrase}, {@link
 * TimePhrase}, {@link PartyPhrase}) before it is used, so a request always means its hidden fields.
 */
public final class BookingTaskGenerator {
  static final int PER_RESTAURANT = 10;
  static final int UNBOOKABLE_PER_RESTAURANT = 2;

  /** How far ahead of today a request may book. */
  static final int HORIZON_DAYS = 21;

  private static final int ATTEMPTS = 400;

  private static final List<String> FIRST =
      List.of(
          "Emma",
          "Liam",
          "Olivia",
          "Noah",
          "Ava",
          "Ethan",
          "Sophia",
          "Mason",
          "Isabella",
          "Lucas",
          "Mia",
          "Amir",
          "Priya",
          "Kenji",
          "Fatima",
          "Mateo",
          "Chloe",
          "Daniel",
          "Grace",
          "Omar",
          "Hannah",
          "Wei",
          "Zoe",
          "Samuel",
          "Nora",
          "Diego",
          "Leah",
          "Ravi",
          "Sara",
          "Tom");
  private static final List<String> LAST =
      List.of(
          "Smith", "Garcia", "Chen", "Patel", "Johnson", "Nguyen", "Kim", "Müller", "Rossi",
          "Okafor", "Brown", "Silva", "Cohen", "Tanaka", "Khan", "Lopez", "Walker", "Ivanova",
          "Hughes", "Moreau", "Haddad", "Berg", "Costa", "Reyes", "Novak");
  private static final List<String> OCCASIONS =
      List.of(
          "it's my wife's birthday",
          "it's our anniversary",
          "it's a business dinner",
          "it's a farewell dinner for a colleague",
          "we're celebrating a promotion");
  private static final List<String> DIETARY =
      List.of(
          "one of us is vegetarian",
          "I have a nut allergy",
          "we need gluten-free options",
          "one guest is vegan",
          "one of us is allergic to shellfish");
  private static final int[] PARTY_WEIGHTS = {0, 5, 40, 12, 23, 7, 8, 3, 2};
  private static final List<String> TEMPLATES =
      List.of(
          "Book a table at {r} {p} {d} {t}{s}.",
          "Can you get me a reservation at {r} {d} {t} {p}{s}?",
          "I'd like to reserve a table {p} at {r} {d}, {t}{s}.",
          "Please make a reservation at {r} {t} {d} {p}{s}.",
          "We want to eat at {r} {d}. A table {p}, {t}{s}, please.",
          "Reserve a table {p} at {r} {d} {t}{s}.");

  private final long seed;

  /** The request templates, with {r}, {d}, {t}, {p} and {s} where the phrases go. */
  public static List<String> templates() {
    return TEMPLATES;
  }

  /** The phrases that state a seating, as requests write them after {t} or {p}. */
  public static List<String> seatingPhrases(Seating s) {
    return switch (s) {
      case INDOOR -> List.of(", at an indoor table", ", inside");
      case OUTDOOR -> List.of(", on the patio", ", at an outdoor table");
      case BAR -> List.of(", at the bar", ", seats at the bar");
      case COUNTER -> List.of(", at the counter", ", seats at the counter");
    };
  }

  public BookingTaskGenerator(long seed) {
    this.seed = seed;
  }

  public static BookingTaskGenerator defaults() {
    return new BookingTaskGenerator(19L);
  }

  /** The tasks, shuffled so that the file is not grouped by restaurant; ids are positions. */
  public List<BookingTask> tasks(RestaurantCatalog catalog) {
    SplittableRandom root = new SplittableRandom(seed);
    List<BookingTask> drafts = new ArrayList<>();
    for (Restaurant r : catalog.restaurants()) {
      SplittableRandom rng = root.split();
      for (int k = 0; k < PER_RESTAURANT; k++) {
        boolean aimUnbookable = k % (PER_RESTAURANT / UNBOOKABLE_PER_RESTAURANT) == 2;
        draft(catalog, r, aimUnbookable, rng).ifPresent(drafts::add);
      }
    }
    for (int i = drafts.size() - 1; i > 0; i--) {
      int j = root.nextInt(i + 1);
      BookingTask x = drafts.get(i);
      drafts.set(i, drafts.get(j));
      drafts.set(j, x);
    }
    List<BookingTask> out = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      out.add(withId(drafts.get(i), i));
    }
    return out;
  }

  private Optional<BookingTask> draft(
      RestaurantCatalog catalog, Restaurant r, boolean aimUnbookable, SplittableRandom rng) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<BookingTask> t =
          aimUnbookable ? unbookable(catalog, r, rng) : bookable(catalog, r, rng);
      if (t.isPresent() && t.get().bookable() != aimUnbookable) {
        return t;
      }
    }
    return Optional.empty();
  }

  private Optional<BookingTask> bookable(
      RestaurantCatalog catalog, Restaurant r, SplittableRandom rng) {
    LocalDate today = catalog.firstDate().plusDays(rng.nextInt(7));
    LocalDate date = today.plusDays(rng.nextInt(HORIZON_DAYS));
    int party = party(r, rng);
    List<Seating> fitting = fitting(r, party);
    List<LocalTime> times = requestedTimes(r, rng);
    if (times.isEmpty()) {
      return Optional.empty();
    }
    Seating stated = rng.nextInt(10) < 4 ? fitting.get(rng.nextInt(fitting.size())) : null;
    List<Seating> accepted = acceptedSeatings(stated, fitting, rng);
    List<LocalTime> alternatives = new ArrayList<>();
    if (rng.nextInt(10) >= 3) {
      for (LocalTime t : r.times()) {
        if (!times.contains(t) && near(t, times) && rng.nextInt(3) > 0) {
          alternatives.add(t);
        }
      }
    }
    return Optional.of(
        task(catalog, r, today, date, times, party, stated, accepted, alternatives, rng));
  }

  private Optional<BookingTask> unbookable(
      RestaurantCatalog catalog, Restaurant r, SplittableRandom rng) {
    LocalDate today = catalog.firstDate().plusDays(rng.nextInt(7));
    List<TableSlot> full =
        r.fullSlots().stream()
            .filter(
                s -> !s.date().isBefore(today) && s.date().isBefore(today.plusDays(HORIZON_DAYS)))
            .sorted(Comparator.comparing(TableSlot::text))
            .toList();
    if (full.isEmpty()) {
      return Optional.empty();
    }
    TableSlot slot = full.get(rng.nextInt(full.size()));
    int party = Math.min(party(r, rng), r.maxParty().get(slot.seating()));
    Seating stated = rng.nextBoolean() ? slot.seating() : null;
    List<Seating> accepted = new ArrayList<>(List.of(slot.seating()));
    for (Seating s : fitting(r, party)) {
      if (s != slot.seating() && !r.free(slot.date(), slot.time(), s, party) && rng.nextBoolean()) {
        accepted.add(s);
      }
    }
    List<LocalTime> times = List.of(slot.time());
    LocalTime before = slot.time().minusMinutes(30);
    if (rng.nextBoolean()
        && r.seatsAt(before)
        && allFull(r, slot.date(), before, accepted, party)) {
      times = List.of(before, slot.time()); // a window whose every slot is full
    }
    List<LocalTime> alternatives = new ArrayList<>();
    for (LocalTime t : r.times()) {
      if (!times.contains(t) && near(t, times) && allFull(r, slot.date(), t, accepted, party)) {
        alternatives.add(t);
      }
    }
    return Optional.of(
        task(catalog, r, today, slot.date(), times, party, stated, accepted, alternatives, rng));
  }

  private static boolean allFull(
      Restaurant r, LocalDate date, LocalTime t, List<Seating> seatings, int party) {
    return seatings.stream().noneMatch(s -> r.free(date, t, s, party));
  }

  private static boolean near(LocalTime t, List<LocalTime> times) {
    return times.stream().anyMatch(x -> Math.abs(x.toSecondOfDay() - t.toSecondOfDay()) <= 3600);
  }

  private BookingTask task(
      RestaurantCatalog catalog,
      Restaurant r,
      LocalDate today,
      LocalDate date,
      List<LocalTime> times,
      int party,
      Seating stated,
      List<Seating> accepted,
      List<LocalTime> alternatives,
      SplittableRandom rng) {
    String datePhrase = pick(DatePhrase.phrasings(date, today), rng);
    String timePhrase = pick(timePhrasings(times), rng);
    String partyPhrase = pick(PartyPhrase.phrasings(party), rng);
    boolean named = catalog.matching(r.cuisine(), r.area()).size() != 1 || rng.nextInt(10) < 7;
    String ref =
        named
            ? r.name()
            : (rng.nextBoolean() ? "a " : "the ") + r.cuisine() + " restaurant in " + r.area();
    String seatingPhrase = stated == null ? "" : seatingPhrase(stated, rng);
    String request =
        pick(TEMPLATES, rng)
            .replace("{r}", ref)
            .replace("{d}", datePhrase)
            .replace("{t}", timePhrase)
            .replace("{p}", partyPhrase)
            .replace("{s}", seatingPhrase);
    request = Character.toUpperCase(request.charAt(0)) + request.substring(1);
    String first = pick(FIRST, rng);
    String last = pick(LAST, rng);
    UserProfile profile =
        new UserProfile(
            first + " " + last,
            String.format(Locale.ROOT, "+1 415 555 %04d", rng.nextInt(10_000)),
            (first + "." + last).toLowerCase(Locale.ROOT).replace("ü", "u")
                + rng.nextInt(100)
                + "@example.com");
    HiddenPreferences prefs =
        new HiddenPreferences(
            alternatives,
            accepted,
            rng.nextInt(10) < 3 ? pick(OCCASIONS, rng) : "",
            rng.nextInt(10) < 3 ? pick(DIETARY, rng) : "");
    BookingTask draft =
        new BookingTask(
            -1,
            today,
            request,
            r.name(),
            named,
            date,
            times,
            party,
            stated,
            profile,
            prefs,
            datePhrase,
            timePhrase,
            partyPhrase,
            false);
    return withBookable(draft, AcceptableTables.of(draft, r).bookable());
  }

  /** Phrases whose reading is exactly {@code times}. */
  static List<String> timePhrasings(List<LocalTime> times) {
    List<String> candidates = new ArrayList<>();
    if (times.size() == 1) {
      candidates.addAll(TimePhrase.exact(times.get(0)));
    } else if (times.size() == 3) {
      candidates.addAll(TimePhrase.around(times.get(1)));
    }
    if (times.size() > 1) {
      candidates.addAll(TimePhrase.between(times.get(0), times.get(times.size() - 1)));
    }
    return candidates.stream().filter(p -> TimePhrase.parse(p).equals(Optional.of(times))).toList();
  }

  private static List<LocalTime> requestedTimes(Restaurant r, SplittableRandom rng) {
    List<LocalTime> slots = r.times();
    int kind = rng.nextInt(4); // 0-1 exact, 2 window of 2 or 3, 3 around (3 slots)
    int width = kind < 2 ? 1 : kind == 2 ? 2 + rng.nextInt(2) : 3;
    if (slots.size() < width) {
      return List.of();
    }
    int from = rng.nextInt(slots.size() - width + 1);
    return slots.subList(from, from + width);
  }

  private static List<Seating> acceptedSeatings(
      Seating stated, List<Seating> fitting, SplittableRandom rng) {
    Set<Seating> out = new LinkedHashSet<>();
    if (stated != null) {
      out.add(stated);
    }
    for (Seating s : fitting) {
      if (stated == null ? rng.nextInt(3) > 0 : rng.nextBoolean()) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(fitting.get(0));
    }
    return List.copyOf(out);
  }

  private static List<Seating> fitting(Restaurant r, int party) {
    return r.seatings().stream().filter(s -> r.maxParty().get(s) >= party).toList();
  }

  private static int party(Restaurant r, SplittableRandom rng) {
    int max = r.maxParty().values().stream().mapToInt(Integer::intValue).max().orElse(1);
    while (true) {
      int total = 0;
      for (int w : PARTY_WEIGHTS) {
        total += w;
      }
      int x = rng.nextInt(total);
      int n = 0;
      while (x >= PARTY_WEIGHTS[n]) {
        x -= PARTY_WEIGHTS[n];
        n++;
      }
      if (n <= max) {
        return n;
      }
    }
  }

  private static String seatingPhrase(Seating s, SplittableRandom rng) {
    return pick(seatingPhrases(s), rng);
  }

  private static <T> T pick(List<T> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }

  private static BookingTask withId(BookingTask t, int id) {
    return new BookingTask(
        id,
        t.today(),
        t.request(),
        t.restaurant(),
        t.restaurantNamed(),
        t.date(),
        t.times(),
        t.partySize(),
        t.seating(),
        t.profile(),
        t.preferences(),
        t.datePhrase(),
        t.timePhrase(),
        t.partyPhrase(),
        t.bookable());
  }

  private static BookingTask withBookable(BookingTask t, boolean bookable) {
    return new BookingTask(
        t.id(),
        t.today(),
        t.request(),
        t.restaurant(),
        t.restaurantNamed(),
        t.date(),
        t.times(),
        t.partySize(),
        t.seating(),
        t.profile(),
        t.preferences(),
        t.datePhrase(),
        t.timePhrase(),
        t.partyPhrase(),
        bookable);
  }
}
