package io.agentq.environments.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The booking site's restaurants and the dates their inventory covers ({@code firstDate} and the
 * {@code days} after it). Names are unique. Its file is one JSON object with {@code format} {@value
 * #FORMAT} and {@code version} {@value #VERSION}; bump the version whenever the layout or the
 * generator's output changes.
 */
public record RestaurantCatalog(
    long seed, LocalDate firstDate, int days, List<Restaurant> restaurants) {
  public static final String FORMAT = "agentq-booking-restaurants";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public RestaurantCatalog {
    restaurants = List.copyOf(restaurants);
    Set<String> names = new HashSet<>();
    for (Restaurant r : restaurants) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("two restaurants are named '" + r.name() + "'");
      }
    }
  }

  public Optional<Restaurant> byName(String name) {
    return restaurants.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Restaurant restaurant(String name) {
    return byName(name)
        .orElseThrow(() -> new IllegalArgumentException("no restaurant named '" + name + "'"));
  }

  /** Every restaurant of this cuisine in this area (how a request that names none finds one). */
  public List<Restaurant> matching(String cuisine, String area) {
    return restaurants.stream()
        .filter(r -> r.cuisine().equals(cuisine) && r.area().equals(area))
        .toList();
  }

  public LocalDate lastDate() {
    return firstDate.plusDays(days - 1L);
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("seed", seed);
    root.put("firstDate", firstDate.toString());
    root.put("days", days);
    ArrayNode list = root.putArray("restaurants");
    for (Restaurant r : restaurants) {
      ObjectNode o = list.addObject();
      o.put("name", r.name());
      o.put("cuisine", r.cuisine());
      o.put("area", r.area());
      o.put("priceBand", r.priceBand());
      ObjectNode seats = o.putObject("maxParty");
      r.maxParty().forEach((s, n) -> seats.put(s.label(), n));
      o.put("opens", r.opens().toString());
      o.put("lastSeating", r.lastSeating().toString());
      ArrayNode full = o.putArray("fullSlots");
      new TreeSet<>(r.fullSlots().stream().map(TableSlot::text).toList()).forEach(full::add);
    }
    return root;
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(toJson()));
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the restaurants to " + file, e);
    }
  }

  public static RestaurantCatalog load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("restaurants " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException("restaurants " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    return fromJson("restaurants " + file, text);
  }

  static RestaurantCatalog fromJson(String where, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
    JsonFields f = new JsonFields(where, root);
    if (!f.has("format") || !FORMAT.equals(f.text("format"))) {
      throw f.bad("format", "must be '" + FORMAT + "': is this a restaurants file?");
    }
    int version = f.integer("version", 0, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw f.bad(
          "version",
          "is "
              + version
              + " but this build reads version "
              + VERSION
              + "; regenerate the file with this build");
    }
    JsonNode list = root.get("restaurants");
    if (list == null || !list.isArray()) {
      throw f.bad("restaurants", "is missing or not a list");
    }
    List<Restaurant> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonFields r = new JsonFields(where + ": restaurant #" + i, list.get(i));
      String name = r.text("name");
      if (!names.add(name)) {
        throw r.bad("name", "'" + name + "' is already the name of an earlier restaurant");
      }
      JsonFields seats = r.object("maxParty");
      Map<Seating, Integer> maxParty = new EnumMap<>(Seating.class);
      for (var it = seats.node.fieldNames(); it.hasNext(); ) {
        String s = it.next();
        maxParty.put(seats.seating(s, s), seats.integer(s, 1, 50));
      }
      if (maxParty.isEmpty()) {
        throw r.bad("maxParty", "offers no seating");
      }
      Set<TableSlot> full = new HashSet<>();
      for (String s : r.strings("fullSlots")) {
        try {
          full.add(TableSlot.parse(s));
        } catch (IllegalArgumentException e) {
          throw r.bad("fullSlots", e.getMessage());
        }
      }
      out.add(
          new Restaurant(
              name,
              r.text("cuisine"),
              r.text("area"),
              r.integer("priceBand", 1, 4),
              maxParty,
              r.time("opens"),
              r.time("lastSeating"),
              full));
    }
    return new RestaurantCatalog(
        f.number("seed"), f.date("firstDate"), f.integer("days", 1, 3660), out);
  }
}
