package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A goals file in one of the two layouts WebShop's goals come in, told apart by its content:
 *
 * <ol>
 *   <li><b>JSONL</b>, one goal a line, each an object with {@code asin} and either
 *       <ul>
 *         <li>{@code instruction_text} (the goal text as WebShop's goal records hold it) and {@code
 *             price_upper}, or
 *         <li>{@code instruction} (a human instruction as in {@code items_human_ins.json}), with
 *             {@code price_upper} optional;
 *       </ul>
 *       plus {@code instruction_attributes} or {@code attributes} (a list; the former wins when
 *       both are given), {@code instruction_options} or {@code goal_options} (a list of values, or
 *       an object of option name to value for synthetic goals). Every non-blank line is a task, its
 *       id the count of goals above it.
 *   <li><b>WebShop's {@code items_human_ins.json}</b>: one JSON object of asin to a list of {@code
 *       {"instruction", "instruction_attributes", "instruction_options", ...}}. The file is this
 *       layout when its first line is not a whole JSON object, or is an object whose every field
 *       holds a list (a goal line always has a text {@code asin}). As WebShop's {@code goal.py
 *       get_human_goals} does, an asin that is not in the catalog (after the catalog's own skips)
 *       and an entry with an empty {@code instruction_attributes} give no goal; each skip is
 *       counted in one warning.
 * </ol>
 *
 * <p>A goal built from an {@code instruction} follows {@code get_human_goals}: its text is the
 * instruction with leading and trailing "." stripped; its price bound, when not given, is drawn
 * from the target's price in this catalogue load by {@link CatalogGenerator#priceUpper} (of the
 * first 4 multiples of 10 above the price, the larger of 2 drawn; 1,000,000 when fewer than 2
 * exist); and unless the bound is 1,000,000 the text gets ", and price lower than X.XX dollars".
 * Goal option names and values are normalised as the catalogue's are ({@link
 * CatalogFile#optionValue}); WebShop's human options were recorded from its normalised pages, so
 * this changes none of them.
 *
 * <p>Deviations from WebShop: the price bound is drawn from a generator seeded by the goal's asin
 * and position (WebShop uses Python's unseeded {@code random}), so a load is reproducible but does
 * not reproduce WebShop's bounds; the human layout's goals come in file order (asins as the file
 * lists them, then each list in order), where WebShop builds them in catalogue order before
 * shuffling them with seed 233; a JSONL line is never skipped (an unknown asin is an error, empty
 * attributes are allowed), so task ids stay line positions.
 */
final class GoalsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(GoalsFile.class);

  /** WebShop's bound when no price text is added to the instruction. */
  static final double NO_PRICE_BOUND = 1_000_000;

  /** Seeds the price-bound draws of goals built from {@code instruction}. */
  private static final long PRICE_BOUND_SEED = 233;

  static final String LAYOUTS =
      "accepted layouts: JSONL, one goal a line with asin, instruction_text and price_upper (or"
          + " instruction, price_upper optional), attributes (or instruction_attributes) and"
          + " goal_options (or instruction_options); or WebShop's items_human_ins.json, a JSON"
          + " object of asin to a list of {instruction, instruction_attributes,"
          + " instruction_options}";

  private GoalsFile() {}

  static List<Goal> load(Path file, Catalog catalog) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("goals " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException("goals " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    String where = "goals " + file;
    List<Goal> goals =
        isHumanLayout(text) ? human(where, text, catalog) : jsonl(where, text, catalog);
    if (goals.isEmpty()) {
      throw new InputException(where + ": holds no goals; " + LAYOUTS);
    }
    return goals;
  }

  /** True for the human layout: see the class comment. */
  static boolean isHumanLayout(String text) {
    String first = text.strip().lines().findFirst().orElse("").strip();
    if (!first.startsWith("{")) {
      return false;
    }
    JsonNode line;
    try {
      line = JSON.readTree(first);
    } catch (JsonProcessingException e) {
      return true; // the first line of a multi-line object, or a broken goal line (see human())
    }
    if (line == null || !line.isObject()) {
      return false;
    }
    for (Iterator<JsonNode> it = line.elements(); it.hasNext(); ) {
      if (!it.next().isArray()) {
        return false;
      }
    }
    return true;
  }

  private static List<Goal> jsonl(String where, String text, Catalog catalog) {
    List<Goal> goals = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String at = where + ": line " + (n + 1);
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new InputException(
            at + ": not valid JSON (" + e.getOriginalMessage() + "); " + LAYOUTS);
      }
      if (node == null || !node.isObject()) {
        throw new InputException(at + ": expected a JSON object (one goal); " + LAYOUTS);
      }
      JsonRecord r = new JsonRecord(at, node);
      String asin = r.text("asin", true);
      if (catalog.product(asin).isEmpty()) {
        throw new InputException(at + ": target asin '" + asin + "' is not in the catalog");
      }
      goals.add(goal(r, goals.size(), asin, n, catalog));
    }
    return goals;
  }

  private static List<Goal> human(String where, String text, Catalog catalog) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(
          where
              + ": not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + "); "
              + LAYOUTS);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(
          where + ": expected a JSON object of asin to instructions; " + LAYOUTS);
    }
    List<Goal> goals = new ArrayList<>();
    int notInCatalog = 0;
    int noAttributes = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String asin = e.getKey();
      String at = where + ": asin '" + asin + "'";
      if (!e.getValue().isArray()) {
        throw new InputException(at + ": expected a list of instructions; " + LAYOUTS);
      }
      if (catalog.product(asin).isEmpty()) {
        notInCatalog += e.getValue().size();
        continue;
      }
      for (int k = 0; k < e.getValue().size(); k++) {
        JsonNode entry = e.getValue().get(k);
        String atEntry = at + " instruction #" + k;
        if (!entry.isObject()) {
          throw new InputException(atEntry + ": expected a JSON object; " + LAYOUTS);
        }
        JsonRecord r = new JsonRecord(atEntry, entry);
        if (!r.has("instruction")) {
          throw r.bad("instruction", "is missing; " + LAYOUTS);
        }
        if (attributes(r).isEmpty()) {
          noAttributes++;
          continue;
        }
        goals.add(goal(r, goals.size(), asin, k, catalog));
      }
    }
    if (notInCatalog + noAttributes > 0) {
      LOG.warn(
          "{}: skipped {} instruction(s) as WebShop does: {} for products not in the catalog, {}"
              + " with no instruction_attributes",
          where,
          notInCatalog + noAttributes,
          notInCatalog,
          noAttributes);
    }
    return goals;
  }

  /** One goal; {@code position} (line or list index) seeds a drawn price bound. */
  private static Goal goal(JsonRecord r, int index, String asin, int position, Catalog catalog) {
    String textField = r.firstPresent("instruction_text", "instruction");
    if (textField == null) {
      throw r.bad("instruction_text", "is missing (or give 'instruction'); " + LAYOUTS);
    }
    String instruction = r.text(textField, true);
    double priceUpper;
    if (r.has("price_upper")) {
      priceUpper = priceUpper(r);
    } else if (textField.equals("instruction")) {
      SplittableRandom draws =
          new SplittableRandom(PRICE_BOUND_SEED * 1_000_003L + asin.hashCode() * 31L + position);
      priceUpper = CatalogGenerator.priceUpper(catalog.price(asin), draws);
    } else {
      throw r.bad(
          "price_upper",
          "is missing or not a number (it may be left out only with 'instruction'); " + LAYOUTS);
    }
    if (textField.equals("instruction")) {
      instruction = stripDots(instruction);
      if (priceUpper != NO_PRICE_BOUND) {
        instruction +=
            String.format(Locale.ROOT, ", and price lower than %.2f dollars", priceUpper);
      }
    }
    return new Goal(index, asin, instruction, attributes(r), options(r), priceUpper);
  }

  private static double priceUpper(JsonRecord r) {
    JsonNode price = r.node.get("price_upper");
    if (!price.isNumber()) {
      throw r.bad("price_upper", "is missing or not a number");
    }
    if (price.asDouble() <= 0) {
      throw r.bad("price_upper", "must be positive, got " + price.asText());
    }
    return price.asDouble();
  }

  private static List<String> attributes(JsonRecord r) {
    String field = r.firstPresent("instruction_attributes", "attributes");
    return field == null ? List.of() : r.strings(field);
  }

  private static List<GoalOption> options(JsonRecord r) {
    String field = r.firstPresent("instruction_options", "goal_options");
    List<GoalOption> options = new ArrayList<>();
    if (field == null) {
      return options;
    }
    JsonNode opts = r.node.get(field);
    if (opts.isArray()) {
      for (JsonNode v : opts) {
        if (!v.isTextual()) {
          throw r.bad(field, "must hold only text");
        }
        options.add(GoalOption.value(CatalogFile.optionValue(v.asText())));
      }
    } else if (opts.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw r.bad(field + "." + e.getKey(), "must be text");
        }
        options.add(
            new GoalOption(
                e.getKey().toLowerCase(Locale.ROOT),
                CatalogFile.optionValue(e.getValue().asText())));
      }
    } else {
      throw r.bad(field, "must be a list of values or an object of name to value");
    }
    return options;
  }

  /** Python's {@code str.strip('.')}: leading and trailing dots only. */
  static String stripDots(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '.') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '.') {
      to--;
    }
    return s.substring(from, to);
  }
}
