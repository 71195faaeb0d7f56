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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog and its goals, loaded from files in WebShop's layout: the catalog a JSON array of
 * product records, the goals JSONL with one goal per line. Every problem is reported as an {@link
 * InputException} that names the file, the record and the field.
 */
public final class ShopData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Catalog catalog;
  private final List<Goal> goals;

  public ShopData(Catalog catalog, List<Goal> goals) {
    this.catalog = catalog;
    this.goals = List.copyOf(goals);
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<Goal> goals() {
    return goals;
  }

  public List<Goal> goals(TaskSplit split) {
    return goals.stream().filter(split::contains).toList();
  }

  /** The goal with this task id (its line number in the goals file). */
  public Goal goal(int taskId) {
    if (taskId < 0 || taskId >= goals.size()) {
      throw new InputException(
          "--task: unknown task id "
              + taskId
              + " (this goals file has ids 0 to "
              + (goals.size() - 1)
              + ")");
    }
    return goals.get(taskId);
  }

  public Product target(Goal goal) {
    return catalog.product(goal.asin()).orElseThrow();
  }

  public static ShopData load(Path catalogFile, Path goalsFile) {
    Catalog catalog = Catalog.of(loadProducts(catalogFile));
    return new ShopData(catalog, loadGoals(goalsFile, catalog));
  }

  public static List<Product> loadProducts(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(read(file, "catalog"));
    } catch (JsonProcessingException e) {
      throw new InputException(
          "catalog "
              + file
              + ": not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + "); fix the file or regenerate it with `bin/agentq"
              + " generate`");
    }
    if (root == null || !root.isArray()) {
      throw new InputException("catalog " + file + ": expected a JSON array of product records");
    }
    List<Product> products = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      Record r = new Record("catalog " + file + ": product #" + i, root.get(i));
      Product p = r.product();
      if (!seen.add(p.asin())) {
        throw new InputException(r.where + ": duplicate asin '" + p.asin() + "'");
      }
      products.add(p);
    }
    if (products.isEmpty()) {
      throw new InputException("catalog " + file + ": holds no products");
    }
    return products;
  }

  public static List<Goal> loadGoals(Path file, Catalog catalog) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InputException("goals " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException("goals " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    List<Goal> goals = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String where = "goals " + file + ": line " + (n + 1);
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new InputException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
      }
      Goal g = new Record(where, node).goal(goals.size());
      if (catalog.product(g.asin()).isEmpty()) {
        throw new InputException(where + ": target asin '" + g.asin() + "' is not in the catalog");
      }
      goals.add(g);
    }
    if (goals.isEmpty()) {
      throw new InputException("goals " + file + ": holds no goals");
    }
    return goals;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException(what + " " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException(what + " " + file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** One JSON record with field readers that report where a problem is. */
  private static final class Record {
    private final String where;
    private final JsonNode node;

    Record(String where, JsonNode node) {
      this.where = where;
      this.node = node;
      if (node == null || !node.isObject()) {
        throw new InputException(where + ": expected a JSON object");
      }
    }

    Product product() {
      String asin = text("asin", true);
      Map<String, List<String>> options = new LinkedHashMap<>();
      JsonNode opts = node.get("customization_options");
      if (opts != null && !opts.isNull()) {
        if (!opts.isObject()) {
          throw bad("customization_options", "must be an object of option name to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> group = it.next();
          if (!group.getValue().isArray()) {
            throw bad("customization_options." + group.getKey(), "must be a list");
          }
          List<String> values = new ArrayList<>();
          for (JsonNode v : group.getValue()) {
            JsonNode value = v.isObject() ? v.get("value") : v;
            if (value == null || !value.isTextual()) {
              throw bad("customization_options." + group.getKey(), "has a value that is not text");
            }
            values.add(value.asText());
          }
          options.put(group.getKey(), values);
        }
      }
      return new Product(
          asin,
          text("name", true),
          text("category", false),
          text("query", true),
          text("product_category", false),
          strings(node.has("small_description") ? "small_description" : "BulletPoints"),
          node.has("full_description")
              ? text("full_description", false)
              : text("Description", false),
          text("pricing", false),
          options,
          strings(node.has("Attributes") ? "Attributes" : "attributes"));
    }

    Goal goal(int index) {
      List<GoalOption> options = new ArrayList<>();
      JsonNode opts = node.get("goal_options");
      if (opts != null && opts.isArray()) {
        for (JsonNode v : opts) {
          if (!v.isTextual()) {
            throw bad("goal_options", "must hold only text");
          }
          options.add(GoalOption.value(v.asText()));
        }
      } else if (opts != null && opts.isObject()) {
        opts.fields()
            .forEachRemaining(e -> options.add(new GoalOption(e.getKey(), e.getValue().asText())));
      } else if (opts != null && !opts.isNull()) {
        throw bad("goal_options", "must be a list of values or an object of name to value");
      }
      JsonNode price = node.get("price_upper");
      if (price == null || !price.isNumber()) {
        throw bad("price_upper", "is missing or not a number");
      }
      if (price.asDouble() <= 0) {
        throw bad("price_upper", "must be positive, got " + price.asText());
      }
      return new Goal(
          index,
          text("asin", true),
          text("instruction_text", true),
          strings("attributes"),
          options,
          price.asDouble());
    }

    private String text(String field, boolean required) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          throw bad(field, "is missing");
        }
        return "";
      }
      if (!v.isTextual()) {
        throw bad(field, "must be text");
      }
      if (required && v.asText().isBlank()) {
        throw bad(field, "is empty");
      }
      return v.asText();
    }

    private List<String> strings(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("DUMMY_ATTR"))) {
        return List.of();
      }
      if (!v.isArray()) {
        throw bad(field, "must be a list of text");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode s : v) {
        if (!s.isTextual()) {
          throw bad(field, "must be a list of text");
        }
        out.add(s.asText());
      }
      return out;
    }

    private InputException bad(String field, String problem) {
      return new InputException(where + ": field '" + field + "' " + problem);
    }
  }
}
