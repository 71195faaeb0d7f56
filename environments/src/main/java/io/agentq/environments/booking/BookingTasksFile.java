package io.agentq.environments.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The booking tasks file: JSON lines. The first line is a header {@code {"format":
 * "agentq-booking-tasks", "version": 1, "seed": ..., "restaurantsSeed": ...}}; every other
 * non-blank line is one task, its id its position among the tasks (from 0). Bump {@link #VERSION}
 * whenever the layout or the generator's output changes.
 *
 * <p>Loading checks each task against the catalogue and names the line and field of any problem: an
 * unknown restaurant, a request that names no restaurant whose cuisine and area match more or fewer
 * than one, a phrase that is not in the request or does not read back to the task's date, times or
 * party size, and a {@code bookable} flag that the inventory contradicts.
 */
public final class BookingTasksFile {
  public static final String FORMAT = "agentq-booking-tasks";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private BookingTasksFile() {}

  public static void write(
      Path file, List<BookingTask> tasks, long seed, RestaurantCatalog catalog) {
    StringBuilder out = new StringBuilder();
    ObjectNode header = JSON.createObjectNode();
    header.put("format", FORMAT);
    header.put("version", VERSION);
    header.put("seed", seed);
    header.put("restaurantsSeed", catalog.seed());
    try {
      out.append(JSON.writeValueAsString(header)).append('\n');
      for (BookingTask t : tasks) {
        out.append(JSON.writeValueAsString(toJson(t))).append('\n');
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, out.toString());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the booking tasks to " + file, e);
    }
  }

  static ObjectNode toJson(BookingTask t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", t.id());
    o.put("today", t.today().toString());
    o.put("request", t.request());
    o.put("restaurant", t.restaurant());
    o.put("restaurantNamed", t.restaurantNamed());
    o.put("date", t.date().toString());
    t.times().forEach(x -> o.withArray("times").add(x.toString()));
    o.put("partySize", t.partySize());
    if (t.seating() == null) {
      o.putNull("seating");
    } else {
      o.put("seating", t.seating().label());
    }
    ObjectNode p = o.putObject("profile");
    p.put("name", t.profile().name());
    p.put("phone", t.profile().phone());
    p.put("email", t.profile().email());
    ObjectNode h = o.putObject("preferences");
    h.putArray("alternativeTimes");
    t.preferences()
        .alternativeTimes()
        .forEach(x -> h.withArray("alternativeTimes").add(x.toString()));
    t.preferences().seatings().forEach(x -> h.withArray("seatings").add(x.label()));
    h.put("occasion", t.preferences().occasion());
    h.put("dietary", t.preferences().dietary());
    ObjectNode ph = o.putObject("phrases");
    ph.put("date", t.datePhrase());
    ph.put("time", t.timePhrase());
    ph.put("party", t.partyPhrase());
    o.put("bookable", t.bookable());
    return o;
  }

  public static List<BookingTask> load(Path file, RestaurantCatalog catalog) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("booking tasks " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException(
          "booking tasks " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    return parse("booking tasks " + file, text, catalog);
  }

  static List<BookingTask> parse(String where, String text, RestaurantCatalog catalog) {
    List<String> lines = text.lines().toList();
    int n = 0;
    while (n < lines.size() && lines.get(n).isBlank()) {
      n++;
    }
    if (n == lines.size()) {
      throw new InputException(where + ": is empty; expected a header line and one task a line");
    }
    header(where + ": line " + (n + 1), lines.get(n));
    List<BookingTask> tasks = new ArrayList<>();
    for (n++; n < lines.size(); n++) {
      if (!lines.get(n).isBlank()) {
        tasks.add(task(where + ": line " + (n + 1), lines.get(n), tasks.size(), catalog));
      }
    }
    if (tasks.isEmpty()) {
      throw new InputException(where + ": holds a header but no tasks");
    }
    return tasks;
  }

  private static void header(String at, String line) {
    JsonFields h = new JsonFields(at + " (the header)", read(at, line));
    if (!h.has("format") || !FORMAT.equals(h.text("format"))) {
      throw h.bad(
          "format", "must be '" + FORMAT + "': the first line of a tasks file is its header");
    }
    int version = h.integer("version", 0, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw h.bad(
          "version",
          "is " + version + " but this build reads " + VERSION + "; regenerate the tasks file");
    }
  }

  private static JsonNode read(String at, String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException(at + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  private static BookingTask task(String at, String line, int position, RestaurantCatalog catalog) {
    JsonFields f = new JsonFields(at, read(at, line));
    int id = f.integer("id", 0, Integer.MAX_VALUE);
    if (id != position) {
      throw f.bad(
          "id", "is " + id + " but the task is number " + position + " of the file (from 0)");
    }
    String name = f.text("restaurant");
    Restaurant r =
        catalog
            .byName(name)
            .orElseThrow(() -> f.bad("restaurant", "'" + name + "' is not in the catalogue"));
    String request = f.text("request");
    boolean named = f.bool("restaurantNamed");
    if (named && !request.contains(name)) {
      throw f.bad("request", "does not name its restaurant '" + name + "'");
    }
    if (!named) {
      int matches = catalog.matching(r.cuisine(), r.area()).size();
      if (matches != 1) {
        throw f.bad(
            "restaurantNamed",
            "is false but "
                + matches
                + " restaurants are "
                + r.cuisine()
                + " in "
                + r.area()
                + "; the request must name '"
                + name
                + "'");
      }
      if (!request.contains(r.cuisine()) || !request.contains(r.area())) {
        throw f.bad("request", "names no restaurant and not its cuisine and area either");
      }
    }
    LocalDate today = f.date("today");
    LocalDate date = f.date("date");
    List<LocalTime> times = f.times("times");
    int party = f.integer("partySize", 1, 50);
    Seating seating = f.has("seating") ? f.seating("seating", f.text("seating")) : null;
    JsonFields p = f.object("profile");
    JsonFields h = f.object("preferences");
    JsonFields ph = f.object("phrases");
    String datePhrase = phrase(ph, "date", request);
    String timePhrase = phrase(ph, "time", request);
    String partyPhrase = phrase(ph, "party", request);
    if (!DatePhrase.resolve(datePhrase, today).equals(Optional.of(date))) {
      throw ph.bad("date", "'" + datePhrase + "' does not read as " + date + " from " + today);
    }
    if (!TimePhrase.parse(timePhrase).equals(Optional.of(times))) {
      throw ph.bad("time", "'" + timePhrase + "' does not read as the times " + times);
    }
    if (!PartyPhrase.parse(partyPhrase).equals(OptionalInt.of(party))) {
      throw ph.bad("party", "'" + partyPhrase + "' does not read as a party of " + party);
    }
    BookingTask task;
    try {
      task =
          new BookingTask(
              id,
              today,
              request,
              name,
              named,
              date,
              times,
              party,
              seating,
              new UserProfile(p.text("name"), p.text("phone"), p.text("email")),
              new HiddenPreferences(
                  h.times("alternativeTimes"),
                  h.seatings("seatings"),
                  h.optionalText("occasion"),
                  h.optionalText("dietary")),
              datePhrase,
              timePhrase,
              partyPhrase,
              f.bool("bookable"));
    } catch (IllegalArgumentException e) {
      throw new InputException(at + ": " + e.getMessage());
    }
    boolean computed = AcceptableTables.of(task, r).bookable();
    if (computed != task.bookable()) {
      throw f.bad(
          "bookable",
          "is "
              + task.bookable()
              + " but the inventory of '"
              + name
              + "' says "
              + computed
              + "; the tasks file does not belong to this catalogue, regenerate it");
    }
    return task;
  }

  private static String phrase(JsonFields ph, String field, String request) {
    String s = ph.text(field);
    if (!request.contains(s)) {
      throw ph.bad(field, "'" + s + "' is not in the request");
    }
    return s;
  }
}
