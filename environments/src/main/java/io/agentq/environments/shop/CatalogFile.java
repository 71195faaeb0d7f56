package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A catalog file in WebShop's product layout ({@code items_shuffle.json}: a JSON array of product
 * records), optionally with WebShop's {@code items_ins_v2.json} beside it for the products'
 * attributes. Records are read as WebShop's {@code engine.py load_products} reads them:
 *
 * <ul>
 *   <li>A record whose asin is "nan" or longer than 10 characters is skipped, and so is a later
 *       record with an asin already seen (the first one wins).
 *   <li>{@code name} is the title ({@code Title} is accepted when {@code name} is absent); {@code
 *       query} is lower-cased and stripped.
 *   <li>{@code small_description} (alias {@code BulletPoints}) is a list of text or one text, which
 *       becomes a one-item list; {@code full_description} (alias {@code Description}) is text.
 *   <li>{@code pricing} is text such as "$12.99" or "$10.00 - $20.00", of which only what follows
 *       the first "$" counts (so text with no "$" means no price, i.e. 100), or a list of one or
 *       two numbers as WebShop holds it after loading, or absent.
 *   <li>{@code customization_options} is null or an object of option name to a list of {@code
 *       {"value": ..., "image": ...}} (a bare text value is accepted too); a null list is skipped.
 *       Names are lower-cased; values are stripped, "/" becomes " | " and they are lower-cased, as
 *       WebShop shows them (human goals' options were recorded from those pages).
 *   <li>The attributes are, with an attributes file, its {@code attributes} list of the asin (none
 *       when the asin is absent from the file or has no such list, which WebShop marks
 *       "DUMMY_ATTR"), overriding the record's own; without one, the record's {@code Attributes}
 *       (alias {@code attributes}).
 *   <li>Every other field ({@code images}, {@code product_information}, {@code brand}, reviews ...)
 *       is ignored.
 * </ul>
 *
 * <p>Deviations: a record without {@code category}, {@code product_category}, {@code
 * full_description} or {@code images} is accepted (WebShop fails on it), and the whole file is
 * never held as one text: records are read one at a time.
 */
final class CatalogFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(CatalogFile.class);

  /** WebShop's {@code load_products} skips asins longer than this. */
  static final int MAX_ASIN_LENGTH = 10;

  private CatalogFile() {}

  /**
   * The products of {@code catalog}, with the attributes of {@code attributes} merged in when it is
   * not null.
   */
  static List<Product> load(Path catalog, Path attributes) {
    String what = "catalog " + catalog;
    Map<String, Product> products = new LinkedHashMap<>();
    int[] index = {0};
    int[] skipped = {0, 0};
    readArray(
        catalog,
        what,
        node -> {
          JsonRecord r = new JsonRecord(what + ": product #" + index[0]++, node);
          String asin = r.text("asin", true);
          if (asin.equals("nan") || asin.length() > MAX_ASIN_LENGTH) {
            skipped[0]++;
          } else if (products.containsKey(asin)) {
            skipped[1]++;
          } else {
            products.put(asin, product(r, attributes == null));
          }
        });
    if (skipped[0] + skipped[1] > 0) {
      LOG.warn(
          "{}: skipped {} record(s) as WebShop does: {} with asin 'nan' or longer than {}"
              + " characters, {} repeating an earlier asin",
          what,
          skipped[0] + skipped[1],
          skipped[0],
          MAX_ASIN_LENGTH,
          skipped[1]);
    }
    if (products.isEmpty()) {
      throw new InputException(what + ": holds no products");
    }
    if (attributes == null) {
      return List.copyOf(products.values());
    }
    Map<String, List<String>> merged = readAttributes(attributes, products.keySet());
    return products.values().stream()
        .map(p -> withAttributes(p, merged.getOrDefault(p.asin(), List.of())))
        .toList();
  }

  /**
   * The {@code attributes} lists of an {@code items_ins_v2.json}-layout file (an object of asin to
   * {@code {"attributes": [...], "instruction": ..., ...}}), for the asins in {@code wanted} only,
   * so the full file (one entry per product of WebShop's 1.18M) costs little memory.
   */
  static Map<String, List<String>> readAttributes(Path file, Set<String> wanted) {
    String what = "attributes " + file;
    Map<String, List<String>> out = new HashMap<>();
    try (JsonParser p = parser(file, what)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(
            what
                + ": expected a JSON object of asin to {\"attributes\": [...], ...}, the layout of"
                + " WebShop's items_ins_v2.json");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String asin = p.currentName();
        p.nextToken();
        if (!wanted.contains(asin)) {
          p.skipChildren();
          continue;
        }
        JsonRecord r = new JsonRecord(what + ": asin '" + asin + "'", JSON.readTree(p));
        out.put(asin, r.attributes("attributes"));
      }
    } catch (JsonProcessingException e) {
      throw notJson(what, e, "");
    } catch (IOException e) {
      throw new InputException(what + ": cannot be read (" + e.getMessage() + ")");
    }
    return out;
  }

  private static void readArray(Path file, String what, Consumer<JsonNode> each) {
    try (JsonParser p = parser(file, what)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new InputException(
            what
                + ": expected a JSON array of product records (WebShop's items_shuffle.json"
                + " layout)");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          throw new InputException(what + ": ends inside the array (the file is cut short)");
        }
        each.accept(JSON.readTree(p));
      }
    } catch (JsonProcessingException e) {
      throw notJson(what, e, "; fix the file or regenerate it with `bin/agentq generate`");
    } catch (IOException e) {
      throw new InputException(what + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static JsonParser parser(Path file, String what) throws IOException {
    try {
      return JSON.getFactory().createParser(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new InputException(what + ": no such file");
    }
  }

  private static InputException notJson(String what, JsonProcessingException e, String hint) {
    return new InputException(
        what
            + ": not valid JSON ("
            + e.getOriginalMessage()
            + " at line "
            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
            + ")"
            + hint);
  }

  /** One record as a product, with its own attributes or (to be merged later) none. */
  static Product product(JsonRecord r, boolean ownAttributes) {
    String nameField = r.has("name") || !r.has("Title") ? "name" : "Title";
    return new Product(
        r.text("asin", true),
        r.text(nameField, true),
        r.text("category", false),
        r.text("query", true).toLowerCase(Locale.ROOT).strip(),
        r.text("product_category", false),
        bulletPoints(r, r.has("small_description") ? "small_description" : "BulletPoints"),
        r.text(r.has("full_description") ? "full_description" : "Description", false),
        pricing(r),
        options(r),
        ownAttributes
            ? r.attributes(r.has("Attributes") ? "Attributes" : "attributes")
            : List.of());
  }

  private static Product withAttributes(Product p, List<String> attributes) {
    return new Product(
        p.asin(),
        p.name(),
        p.category(),
        p.query(),
        p.productCategory(),
        p.bulletPoints(),
        p.description(),
        p.pricing(),
        p.options(),
        attributes);
  }

  private static List<String> bulletPoints(JsonRecord r, String field) {
    JsonNode v = r.node.get(field);
    if (v != null && v.isTextual()) {
      return List.of(v.asText());
    }
    return r.strings(field);
  }

  /**
   * The pricing as text the catalogue's price rule reads: what follows the first "$" of a text, or
   * "$a" / "$a to $b" for a list of numbers.
   */
  private static String pricing(JsonRecord r) {
    JsonNode v = r.node.get("pricing");
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isTextual()) {
      int dollar = v.asText().indexOf('$');
      return dollar < 0 ? "" : v.asText().substring(dollar);
    }
    if (v.isNumber()) {
      return "$" + v.asText();
    }
    if (v.isArray() && v.size() <= 2) {
      List<String> prices = new ArrayList<>();
      for (JsonNode n : v) {
        if (!n.isNumber()) {
          throw r.bad("pricing", "must be text such as \"$12.99\" or a list of one or two numbers");
        }
        prices.add("$" + n.asText());
      }
      return String.join(" to ", prices);
    }
    throw r.bad("pricing", "must be text such as \"$12.99\" or a list of one or two numbers");
  }

  private static Map<String, List<String>> options(JsonRecord r) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    JsonNode opts = r.node.get("customization_options");
    if (opts == null || opts.isNull()) {
      return options;
    }
    if (!opts.isObject()) {
      throw r.bad("customization_options", "must be an object of option name to values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> group = it.next();
      String field = "customization_options." + group.getKey();
      if (group.getValue().isNull()) {
        continue;
      }
      if (!group.getValue().isArray()) {
        throw r.bad(field, "must be a list");
      }
      List<String> values = new ArrayList<>();
      for (JsonNode v : group.getValue()) {
        JsonNode value = v.isObject() ? v.get("value") : v;
        if (value == null || !value.isTextual()) {
          throw r.bad(field, "has a value that is not text");
        }
        values.add(optionValue(value.asText()));
      }
      options.put(group.getKey().toLowerCase(Locale.ROOT), values);
    }
    return options;
  }

  /** An option value as WebShop shows it: stripped, "/" as " | ", lower-cased. */
  static String optionValue(String raw) {
    return raw.strip().replace("/", " | ").toLowerCase(Locale.ROOT);
  }
}
