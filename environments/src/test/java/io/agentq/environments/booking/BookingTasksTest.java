package io.agentq.environments.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.TaskSampler;
import io.agentq.environments.shop.TaskSplit;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default restaurants and tasks meet issue 19's size, split and consistency requirements. */
class BookingTasksTest {
  static RestaurantCatalog catalog;
  static List<BookingTask> tasks;

  @BeforeAll
  static void generate() {
    catalog = RestaurantGenerator.defaults().catalog();
    tasks = BookingTaskGenerator.defaults().tasks(catalog);
  }

  @Test
  void sizes() {
    assertTrue(catalog.restaurants().size() >= 150, "restaurants: " + catalog.restaurants().size());
    assertTrue(tasks.size() >= 2000, "tasks: " + tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      assertEquals(i, tasks.get(i).id());
    }
  }

  @Test
  void theSameSeedGivesTheSameTasks() {
    assertEquals(
        tasks, BookingTaskGenerator.defaults().tasks(RestaurantGenerator.defaults().catalog()));
  }

  @Test
  void splitsAreDisjointByRestaurantAndHoldBothKinds() {
    Map<TaskSplit, Set<String>> restaurants = new TreeMap<>();
    Map<TaskSplit, int[]> counts = new TreeMap<>();
    for (BookingTask t : tasks) {
      restaurants.computeIfAbsent(t.split(), s -> new HashSet<>()).add(t.restaurant());
      int[] c = counts.computeIfAbsent(t.split(), s -> new int[2]);
      c[t.bookable() ? 0 : 1]++;
    }
    for (TaskSplit a : restaurants.keySet()) {
      for (TaskSplit b : restaurants.keySet()) {
        if (a != b) {
          Set<String> both = new HashSet<>(restaurants.get(a));
          both.retainAll(restaurants.get(b));
          assertEquals(Set.of(), both, a + " and " + b + " share restaurants");
        }
      }
    }
    assertEquals(Set.of(TaskSplit.TRAIN, TaskSplit.DEV, TaskSplit.HELDOUT), counts.keySet());
    for (Map.Entry<TaskSplit, int[]> e : counts.entrySet()) {
      int bookable = e.getValue()[0];
      int unbookable = e.getValue()[1];
      double share = (double) unbookable / (bookable + unbookable);
      System.out.printf(
          "%s: %d restaurants, %d tasks, %d bookable, %d unbookable (%.1f%%)%n",
          e.getKey(),
          restaurants.get(e.getKey()).size(),
          bookable + unbookable,
          bookable,
          unbookable,
          100 * share);
      assertTrue(share >= 0.15 && share <= 0.25, e.getKey() + " unbookable share " + share);
      assertTrue(restaurants.get(e.getKey()).size() >= 10, e.getKey() + " has few restaurants");
    }
  }

  @Test
  void bookableIsWhatTheInventorySays() {
    for (BookingTask t : tasks) {
      assertEquals(
          t.bookable(),
          AcceptableTables.of(t, catalog.restaurant(t.restaurant())).bookable(),
          "task " + t.id());
    }
  }

  @Test
  void everyRequestThatNamesNoRestaurantMatchesExactlyOne() {
    int unnamed = 0;
    for (BookingTask t : tasks) {
      Restaurant r = catalog.restaurant(t.restaurant());
      if (t.restaurantNamed()) {
        assertTrue(t.request().contains(r.name()), t.request());
      } else {
        unnamed++;
        assertEquals(
            List.of(r.name()),
            catalog.matching(r.cuisine(), r.area()).stream().map(Restaurant::name).toList(),
            t.request());
        assertTrue(t.request().contains(r.cuisine() + " restaurant in " + r.area()), t.request());
        for (Restaurant other : catalog.restaurants()) {
          assertFalse(t.request().contains(other.name()), t.request() + " names " + other.name());
        }
      }
    }
    assertTrue(unnamed >= 100, "requests naming no restaurant: " + unnamed);
  }

  @Test
  void everyRequestSaysItsHiddenFieldsAndHidesItsPreferences() {
    for (BookingTask t : tasks) {
      String at = "task " + t.id() + ": " + t.request();
      assertTrue(t.request().contains(t.datePhrase()), at);
      assertTrue(t.request().contains(t.timePhrase()), at);
      assertTrue(t.request().contains(t.partyPhrase()), at);
      assertEquals(Optional.of(t.date()), DatePhrase.resolve(t.datePhrase(), t.today()), at);
      assertEquals(Optional.of(t.times()), TimePhrase.parse(t.timePhrase()), at);
      assertEquals(OptionalInt.of(t.partySize()), PartyPhrase.parse(t.partyPhrase()), at);
      HiddenPreferences h = t.preferences();
      if (!h.occasion().isEmpty()) {
        assertFalse(t.request().contains(h.occasion()), at);
      }
      if (!h.dietary().isEmpty()) {
        assertFalse(t.request().contains(h.dietary()), at);
      }
      assertFalse(t.request().contains(t.profile().phone()), at);
      assertFalse(t.request().contains(t.profile().email()), at);
      assertTrue(
          !t.date().isBefore(catalog.firstDate()) && !t.date().isAfter(catalog.lastDate()), at);
    }
  }

  @Test
  void theRequestsVary() {
    Set<String> dateKinds = new HashSet<>();
    for (BookingTask t : tasks) {
      dateKinds.add(
          t.datePhrase()
              .replaceAll("(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday", "D")
              .replaceAll("\\d+", "N")
              .replaceAll("(?i)december|january", "M"));
    }
    assertTrue(dateKinds.size() >= 12, "date phrasings: " + dateKinds);
    long windows = tasks.stream().filter(t -> t.times().size() > 1).count();
    long seating = tasks.stream().filter(t -> t.seating() != null).count();
    long alternativesNeeded =
        tasks.stream()
            .filter(BookingTask::bookable)
            .filter(
                t ->
                    AcceptableTables.of(t, catalog.restaurant(t.restaurant())).slots().stream()
                        .noneMatch(
                            s ->
                                t.times().contains(s.time())
                                    && (t.seating() == null || s.seating() == t.seating())))
            .count();
    System.out.printf(
        "windows %d, seating named %d, bookable only through an alternative %d of %d%n",
        windows, seating, alternativesNeeded, tasks.size());
    assertTrue(windows > tasks.size() / 5);
    assertTrue(seating > tasks.size() / 5);
    assertTrue(
        alternativesNeeded > 20, "bookable only through an alternative: " + alternativesNeeded);
  }

  @Test
  void someTasksCheckedByHand() {
    // Read from the generated file with a calendar (2026-12-07 is a Monday, weeks start Monday).
    // 16: today Sunday 12-13, "on Thursday" -> 12-17; "between 11:30 and 12:30"; "me and two
    // friends" = 3.
    assertTask(16, "on Thursday", "2026-12-17", List.of("11:30", "12:00", "12:30"), 3, null);
    // 28: today Friday 12-11, "Sunday next week" -> the Sunday of the week of Monday 12-14 = 12-20;
    // "on the patio" is outdoor.
    assertTask(28, "Sunday next week", "2026-12-20", List.of("19:30"), 3, Seating.OUTDOOR);
    // 30: today Tuesday 12-08, "tomorrow" -> 12-09; "for a party of 3"; "inside".
    assertTask(30, "tomorrow", "2026-12-09", List.of("12:30"), 3, Seating.INDOOR);
    // 44: today Monday 12-07, "this Thursday" -> 12-10; "sometime between 8 and 9 in the evening"
    // -> 20:00, 20:30, 21:00; "me and my husband" = 2.
    assertTask(44, "this Thursday", "2026-12-10", List.of("20:00", "20:30", "21:00"), 2, null);
    // 47: today Wednesday 12-09, "on Sunday" -> 12-13; "a party of 4"; names no restaurant.
    assertTask(
        47, "on Sunday", "2026-12-13", List.of("19:30", "20:00", "20:30"), 4, Seating.OUTDOOR);
    assertFalse(tasks.get(47).restaurantNamed());
  }

  private static void assertTask(
      int id, String datePhrase, String date, List<String> times, int party, Seating seating) {
    BookingTask t = tasks.get(id);
    String at = "task " + id + ": " + t.request();
    assertTrue(t.request().contains(datePhrase), at);
    assertEquals(LocalDate.parse(date), t.date(), at);
    assertEquals(times.stream().map(LocalTime::parse).toList(), t.times(), at);
    assertEquals(party, t.partySize(), at);
    assertEquals(seating, t.seating(), at);
  }

  @Test
  void aStratifiedSampleOfHeldOutTasksHoldsAFifthUnbookable() {
    List<TaskSampler.Task> heldout = new ArrayList<>();
    for (BookingTask t : tasks) {
      if (t.split() == TaskSplit.HELDOUT) {
        heldout.add(new TaskSampler.Task(t.id(), t.category(catalog)));
      }
    }
    List<Integer> order = TaskSampler.order(heldout, TaskSampler.SAMPLE_SEED);
    long unbookable = order.subList(0, 50).stream().filter(i -> !tasks.get(i).bookable()).count();
    long all = heldout.stream().filter(t -> t.category().startsWith("unbookable")).count();
    double expected = 50.0 * all / heldout.size();
    // Bookable-or-not is the group before the '/' of every category: every prefix holds the
    // unbookable group within 1 of its share (not only each cuisine's small category).
    for (int n = 1; n <= order.size(); n++) {
      long u = order.subList(0, n).stream().filter(i -> !tasks.get(i).bookable()).count();
      assertTrue(Math.abs(u - n * (double) all / heldout.size()) < 1, "prefix " + n + ": " + u);
    }
    assertTrue(Math.abs(unbookable - expected) < 1, unbookable + " vs " + expected);
  }
}
