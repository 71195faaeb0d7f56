package io.agentq.environments.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes a catalogue of restaurants deterministically from a seed: unique names in the style of each
 * cuisine, an area, a price band, two to four seatings with the largest party each seats, opening
 * hours (all day or dinner only) and the slots already fully booked. How full a slot is depends on
 * the restaurant's popularity, the day (Friday and Saturday are busiest) and the hour (19:00 to
 * 20:00 is busiest), so that requests for prime slots are often unbookable as asked.
 */
public final class RestaurantGenerator {
  /** The first day of the default inventory: a Monday. */
  public static final LocalDate FIRST_DATE = LocalDate.of(2026, 12, 7);

  /** Days of inventory: enough for a task's "today" in the first week plus three weeks ahead. */
  public static final int DAYS = 35;

  static final List<String> CUISINES =
      List.of(
          "Italian",
          "Japanese",
          "Mexican",
          "French",
          "Indian",
          "Thai",
          "Chinese",
          "Greek",
          "Spanish",
          "Korean",
          "American",
          "Vietnamese",
          "Lebanese",
          "Ethiopian",
          "Peruvian",
          "Seafood",
          "Steakhouse",
          "Vegetarian");

  static final List<String> AREAS =
      List.of(
          "Downtown",
          "Old Town",
          "Riverside",
          "Midtown",
          "Harbor District",
          "West End",
          "North Beach",
          "Eastside",
          "Market Square",
          "Hillcrest",
          "University Hill",
          "Lakeview");

  private static final Map<String, List<String>> STEMS =
      Map.ofEntries(
          Map.entry("Italian", List.of("Trattoria", "Osteria", "Cucina", "Pastificio", "Enoteca")),
          Map.entry("Japanese", List.of("Sakura", "Izakaya", "Hinoki", "Kaiseki", "Umi")),
          Map.entry("Mexican", List.of("Cantina", "Taqueria", "Cocina", "Mezcaleria", "Casa")),
          Map.entry("French", List.of("Bistro", "Brasserie", "Maison", "Chez", "Petit")),
          Map.entry("Indian", List.of("Tandoor", "Masala", "Spice House", "Dhaba", "Chai")),
          Map.entry("Thai", List.of("Baan", "Siam", "Thai Kitchen", "Lemongrass", "Bangkok")),
          Map.entry("Chinese", List.of("Dumpling House", "Jade", "Golden Dragon", "Wok", "Lotus")),
          Map.entry("Greek", List.of("Taverna", "Ouzeri", "Olive", "Kouzina", "Aegean")),
          Map.entry("Spanish", List.of("Tapas Bar", "Bodega", "Taberna", "Asador", "Casa")),
          Map.entry("Korean", List.of("Seoul", "Bapsang", "Kimchi House", "Bibim", "Hanok")),
          Map.entry("American", List.of("Diner", "Grill", "Kitchen", "Tavern", "Smokehouse")),
          Map.entry("Vietnamese", List.of("Pho", "Banh Mi", "Saigon", "Hanoi Kitchen", "Lotus")),
          Map.entry("Lebanese", List.of("Cedar", "Mezze", "Beirut", "Zaatar", "Falafel House")),
          Map.entry("Ethiopian", List.of("Injera", "Addis", "Habesha", "Blue Nile", "Lalibela")),
          Map.entry("Peruvian", List.of("Ceviche Bar", "Lima", "Pisco", "Andes", "Nikkei")),
          Map.entry("Seafood", List.of("Oyster Bar", "Fish House", "Crab Shack", "Catch", "Dock")),
          Map.entry(
              "Steakhouse", List.of("Chophouse", "Steakhouse", "Prime", "Grillroom", "Ember")),
          Map.entry(
              "Vegetarian", List.of("Greenhouse", "Garden Table", "Sprout", "Harvest", "Leaf")));

  private static final List<String> WORDS =
      List.of(
          "Copper", "Silver", "Little", "Blue", "Red", "Golden", "Olive", "Cedar", "Willow",
          "Harbor", "Corner", "Stone", "Iron", "Lantern", "Maple", "North", "Old", "Paper", "Salt",
          "Sun", "Wild", "Velvet", "Amber", "Juniper", "Fig", "Saffron", "Ivy", "Moon");

  private static final List<String> OWNERS =
      List.of(
          "Mario", "Luca", "Yuki", "Rosa", "Pierre", "Anita", "Somchai", "Mei", "Nikos", "Lola",
          "Min-jun", "Joe", "Linh", "Karim", "Abebe", "Diego", "Marina", "Frank", "Iris", "Sam");

  private final long seed;
  private final int count;

  public RestaurantGenerator(long seed, int count) {
    this.seed = seed;
    this.count = count;
  }

  /** The default catalogue: 200 restaurants. */
  public static RestaurantGenerator defaults() {
    return new RestaurantGenerator(2026_12_07L, 200);
  }

  public RestaurantCatalog catalog() {
    SplittableRandom rng = new SplittableRandom(seed);
    Set<String> names = new HashSet<>();
    List<Restaurant> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String cuisine = CUISINES.get(i % CUISINES.size());
      String area = AREAS.get(rng.nextInt(AREAS.size()));
      out.add(restaurant(cuisine, area, name(cuisine, area, rng, names), rng));
    }
    return new RestaurantCatalog(seed, FIRST_DATE, DAYS, out);
  }

  private static String name(String cuisine, String area, SplittableRandom rng, Set<String> taken) {
    List<String> stems = STEMS.get(cuisine);
    for (int attempt = 0; attempt < 100; attempt++) {
      String stem = stems.get(rng.nextInt(stems.size()));
      String name =
          switch (rng.nextInt(3)) {
            case 0 -> stem + " " + WORDS.get(rng.nextInt(WORDS.size()));
            case 1 -> "The " + WORDS.get(rng.nextInt(WORDS.size())) + " " + stem;
            default -> OWNERS.get(rng.nextInt(OWNERS.size())) + "'s " + stem;
          };
      if (taken.add(name)) {
        return name;
      }
    }
    String name = stems.get(0) + " " + area + " " + taken.size();
    taken.add(name);
    return name;
  }

  private Restaurant restaurant(String cuisine, String area, String name, SplittableRandom rng) {
    int priceBand = 1 + rng.nextInt(4);
    Map<Seating, Integer> maxParty = new EnumMap<>(Seating.class);
    maxParty.put(Seating.INDOOR, 6 + rng.nextInt(5));
    if (rng.nextInt(10) < 6) {
      maxParty.put(Seating.OUTDOOR, 4 + rng.nextInt(3));
    }
    if (rng.nextInt(10) < 5) {
      maxParty.put(Seating.BAR, 2 + rng.nextInt(2));
    }
    if (rng.nextInt(10) < 3 || maxParty.size() == 1) {
      maxParty.put(Seating.COUNTER, 2 + rng.nextInt(3));
    }
    boolean allDay = rng.nextInt(10) < 6;
    LocalTime opens = allDay ? LocalTime.of(11, 30) : LocalTime.of(17, rng.nextBoolean() ? 0 : 30);
    LocalTime lastSeating = LocalTime.of(21, rng.nextBoolean() ? 0 : 30);
    if (rng.nextInt(4) == 0) {
      lastSeating = LocalTime.of(22, 0);
    }
    double popularity = 0.05 + 0.35 * rng.nextDouble();
    Set<TableSlot> full = new HashSet<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate date = FIRST_DATE.plusDays(d);
      for (LocalTime t = opens; !t.isAfter(lastSeating); t = t.plusMinutes(30)) {
        for (Seating s : maxParty.keySet()) {
          if (rng.nextDouble() < fullChance(popularity, date, t)) {
            full.add(new TableSlot(date, t, s));
          }
        }
      }
    }
    return new Restaurant(name, cuisine, area, priceBand, maxParty, opens, lastSeating, full);
  }

  /** The chance a slot is fully booked: higher at weekends and at prime time. */
  static double fullChance(double popularity, LocalDate date, LocalTime time) {
    DayOfWeek day = date.getDayOfWeek();
    double dayFactor =
        day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY
            ? 1.8
            : day == DayOfWeek.SUNDAY ? 1.2 : 0.8;
    int minutes = time.getHour() * 60 + time.getMinute();
    double hourFactor =
        minutes >= 19 * 60 && minutes <= 20 * 60
            ? 2.0
            : minutes >= 18 * 60 && minutes <= 21 * 60 ? 1.3 : minutes <= 13 * 60 ? 0.9 : 0.4;
    return Math.min(0.95, popularity * dayFactor * hourFactor);
  }
}
