package io.agentq.environments.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restaurants and tasks files: round trips, and loaders that say which line is wrong and how.
 */
class BookingFilesTest {
  @TempDir static Path dir;
  static RestaurantCatalog catalog;
  static List<BookingTask> tasks;
  static Path tasksFile;

  @BeforeAll
  static void write() {
    catalog = RestaurantGenerator.defaults().catalog();
    tasks = BookingTaskGenerator.defaults().tasks(catalog);
    catalog.write(dir.resolve("restaurants.json"));
    tasksFile = dir.resolve("tasks.jsonl");
    BookingTasksFile.write(tasksFile, tasks, 19L, catalog);
  }

  @Test
  void restaurantsRoundTrip() {
    RestaurantCatalog back = RestaurantCatalog.load(dir.resolve("restaurants.json"));
    assertEquals(catalog, back);
    Set<String> names = new HashSet<>();
    catalog.restaurants().forEach(r -> assertTrue(names.add(r.name()), r.name()));
  }

  @Test
  void primeWeekendSlotsAreFullMoreOftenThanWeekdayAfternoons() {
    int prime = 0;
    int primeFull = 0;
    int quiet = 0;
    int quietFull = 0;
    for (Restaurant r : catalog.restaurants()) {
      for (int d = 0; d < catalog.days(); d++) {
        var date = catalog.firstDate().plusDays(d);
        for (var t : r.times()) {
          for (Seating s : r.seatings()) {
            boolean full = !r.free(date, t, s, 1);
            boolean weekend =
                date.getDayOfWeek() == DayOfWeek.FRIDAY
                    || date.getDayOfWeek() == DayOfWeek.SATURDAY;
            if (weekend && t.getHour() == 19) {
              prime++;
              primeFull += full ? 1 : 0;
            } else if (!weekend && t.getHour() >= 14 && t.getHour() < 17) {
              quiet++;
              quietFull += full ? 1 : 0;
            }
          }
        }
      }
    }
    double primeShare = (double) primeFull / prime;
    double quietShare = (double) quietFull / quiet;
    assertTrue(primeShare > 0.3 && quietShare < 0.15, primeShare + " vs " + quietShare);
  }

  @Test
  void tasksRoundTrip() {
    assertEquals(tasks, BookingTasksFile.load(tasksFile, catalog));
  }

  @Test
  void badTasksFilesSayWhichLineAndWhat() throws IOException {
    List<String> lines = Files.readAllLines(tasksFile);
    assertBad(edit(lines, 3, "{not json"), "line 4: not valid JSON");
    assertBad(
        edit(lines, 0, lines.get(0).replace("\"version\":1", "\"version\":7")),
        "line 1 (the header): field 'version' is 7 but this build reads 1");
    assertBad(
        edit(lines, 2, lines.get(2).replace("\"id\":1", "\"id\":5")),
        "line 3: field 'id' is 5 but the task is number 1");
    BookingTask t = tasks.get(1);
    assertBad(
        edit(
            lines,
            2,
            lines
                .get(2)
                .replace(
                    "\"restaurant\":\"" + t.restaurant() + "\"",
                    "\"restaurant\":\"Nowhere Grill\"")),
        "line 3: field 'restaurant' 'Nowhere Grill' is not in the catalogue");
    String flag = "\"bookable\":" + t.bookable();
    assertBad(
        edit(lines, 2, lines.get(2).replace(flag, "\"bookable\":" + !t.bookable())),
        "line 3: field 'bookable' is " + !t.bookable() + " but the inventory");
    assertBad(
        edit(
            lines,
            2,
            lines
                .get(2)
                .replace("\"partySize\":" + t.partySize(), "\"partySize\":" + (t.partySize() + 1))),
        "line 3 phrases: field 'party'");
    assertBad(
        edit(lines, 2, lines.get(2).replace("\"seatings\":[", "\"seatings\":[\"rooftop\",")),
        "line 3 preferences: field 'seatings' has unknown seating 'rooftop'");
    assertBad(List.of(lines.get(0)), "holds a header but no tasks");
    assertBad(lines.subList(1, lines.size()), "line 1 (the header): field 'format' must be");
  }

  @Test
  void aRequestThatNamesNoRestaurantMustMatchExactlyOne() throws IOException {
    // Two restaurants of the same cuisine and area: a request naming neither is refused.
    BookingTask unnamed =
        tasks.stream().filter(t -> !t.restaurantNamed()).findFirst().orElseThrow();
    Restaurant target = catalog.restaurant(unnamed.restaurant());
    Restaurant twin =
        new Restaurant(
            "Twin " + target.name(),
            target.cuisine(),
            target.area(),
            2,
            target.maxParty(),
            target.opens(),
            target.lastSeating(),
            Set.of());
    List<Restaurant> more = new ArrayList<>(catalog.restaurants());
    more.add(twin);
    RestaurantCatalog withTwin =
        new RestaurantCatalog(catalog.seed(), catalog.firstDate(), catalog.days(), more);
    Path file = dir.resolve("twin.jsonl");
    BookingTasksFile.write(file, tasks.subList(0, unnamed.id() + 1), 19L, withTwin);
    InputException e =
        assertThrows(InputException.class, () -> BookingTasksFile.load(file, withTwin));
    assertTrue(
        e.getMessage()
            .contains("line " + (unnamed.id() + 2) + ": field 'restaurantNamed' is false but 2"),
        e.getMessage());
  }

  @Test
  void badRestaurantsFilesSayWhichRestaurant() throws IOException {
    String json = Files.readString(dir.resolve("restaurants.json"));
    String first = catalog.restaurants().get(0).name();
    String second = catalog.restaurants().get(1).name();
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                RestaurantCatalog.fromJson(
                    "r.json", json.replace("\"" + second + "\"", "\"" + first + "\"")));
    assertTrue(e.getMessage().contains("r.json: restaurant #1: field 'name'"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                RestaurantCatalog.fromJson(
                    "r.json", json.replace("\"version\":1", "\"version\":0")));
    assertTrue(e.getMessage().contains("field 'version' is 0"), e.getMessage());
  }

  private static Path edit(List<String> lines, int index, String replacement) throws IOException {
    List<String> copy = new ArrayList<>(lines);
    copy.set(index, replacement);
    Path file = Files.createTempFile(dir, "bad", ".jsonl");
    Files.write(file, copy);
    return file;
  }

  private static void assertBad(Path file, String expected) {
    InputException e =
        assertThrows(InputException.class, () -> BookingTasksFile.load(file, catalog));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static void assertBad(List<String> lines, String expected) throws IOException {
    Path file = Files.createTempFile(dir, "bad", ".jsonl");
    Files.write(file, lines);
    assertBad(file, expected);
  }
}
