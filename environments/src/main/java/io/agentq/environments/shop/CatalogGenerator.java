package io.agentq.environments.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic WebShop-layout catalog and its goals, deterministically from a seed: product
 * types from {@code product-types.json} (query, breadcrumb, title heads, attribute pool, option
 * groups, price range), many products per type so that near misses exist for most goals, and goals
 * whose instructions are phrased by {@link InstructionWriter}.
 */
public final class CatalogGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BRANDS =
      List.of(
          "Northwind",
          "Alder & Co",
          "Bluepeak",
          "Caldera",
          "Driftwood",
          "Evergreen Goods",
          "Foxglove",
          "Granite Bay",
          "Harbor Lane",
          "Ironleaf",
          "Juniper",
          "Kestrel",
          "Lumen",
          "Maple Row",
          "Nimbus",
          "Oakhaven",
          "Pinecrest",
          "Quillon",
          "Redfern",
          "Saltmarsh",
          "Tidewater",
          "Umber",
          "Vantage",
          "Willowby",
          "Yarrow",
          "Zephyr",
          "Amberline",
          "Brightwell",
          "Copperfield",
          "Dunmore",
          "Elmstead",
          "Fairhaven",
          "Glenrock",
          "Hollis",
          "Ivory Coast Co",
          "Jasper Hill",
          "Kinsale",
          "Larkspur",
          "Meridian",
          "Northstar",
          "Orchard Home",
          "Pemberly",
          "Quarry Stone",
          "Riverbend",
          "Stonegate",
          "Thistle",
          "Upland",
          "Verdant",
          "Westbrook",
          "Yellowfin");

  /** The WebShop category of a breadcrumb's first level. */
  private static final Map<String, String> CATEGORIES =
      Map.of(
          "Clothing, Shoes & Jewelry", "fashion",
          "Beauty & Personal Care", "beauty",
          "Grocery & Gourmet Food", "grocery",
          "Electronics", "electronics",
          "Cell Phones & Accessories", "electronics",
          "Home & Kitchen", "garden",
          "Tools & Home Improvement", "garden",
          "Sports & Outdoors", "fashion",
          "Pet Supplies", "garden",
          "Luggage & Travel Gear", "fashion");

  /** Bumped whenever the generator's output changes, so a stale default shop is regenerated. */
  public static final int VERSION = 2;

  /** The stamp written beside the files: what produced them. */
  public String stamp() {
    return "generator="
        + VERSION
        + " seed="
        + seed
        + " productsPerType="
        + productsPerType
        + " goalsPerProduct="
        + goalsPerProduct
        + "\n";
  }

  private final long seed;
  private final int productsPerType;
  private final int goalsPerProduct;

  public CatalogGenerator(long seed, int productsPerType, int goalsPerProduct) {
    this.seed = seed;
    this.productsPerType = productsPerType;
    this.goalsPerProduct = goalsPerProduct;
  }

  /** The default shop: 26 types x 90 products = 2,340 products and 11,700 goals. */
  public static CatalogGenerator defaults() {
    return new CatalogGenerator(2408_07199L, 90, 5);
  }

  /** Writes {@code catalog.json} and {@code goals.jsonl} into {@code dir}, each atomically. */
  public void write(Path dir) {
    ArrayNode array = JSON.createArrayNode();
    products().forEach(array::add);
    try {
      Files.createDirectories(dir);
      Path catalogFile = dir.resolve("catalog.json");
      atomicWrite(catalogFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      Catalog catalog = Catalog.of(ShopData.loadProducts(catalogFile));
      StringBuilder goals = new StringBuilder();
      for (ObjectNode goal : goals(catalog)) {
        goals.append(JSON.writeValueAsString(goal)).append('\n');
      }
      atomicWrite(dir.resolve("goals.jsonl"), goals.toString());
      atomicWrite(dir.resolve("generator.txt"), stamp());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generated shop into " + dir, e);
    }
  }

  static void atomicWrite(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static JsonNode productTypes() {
    try (InputStream in = CatalogGenerator.class.getResourceAsStream("product-types.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ObjectNode> products() {
    SplittableRandom rng = new SplittableRandom(seed);
    Set<String> asins = new HashSet<>();
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode type : productTypes()) {
      for (int i = 0; i < productsPerType; i++) {
        out.add(product(type, rng, asins));
      }
    }
    return out;
  }

  private ObjectNode product(JsonNode type, SplittableRandom rng, Set<String> asins) {
    String asin;
    do {
      asin = asin(rng);
    } while (!asins.add(asin));
    List<String> pool = strings(type.get("attributes"));
    List<String> attrs = sample(pool, 4 + rng.nextInt(2), rng);
    String brand = BRANDS.get(rng.nextInt(BRANDS.size()));
    String head = pick(strings(type.get("heads")), rng);
    List<String> features = strings(type.get("features"));
    StringBuilder title = new StringBuilder(brand).append(' ').append(titleCase(attrs.get(0)));
    if (rng.nextBoolean()) {
      title.append(' ').append(titleCase(attrs.get(1)));
    }
    title.append(' ').append(head);
    if (rng.nextInt(3) == 0) {
      title.append(" for ").append(titleCase(pick(features, rng)));
    }
    ObjectNode p = JSON.createObjectNode();
    p.put("asin", asin);
    p.put("name", title.toString());
    String breadcrumb = type.get("product_category").asText();
    p.put("category", CATEGORIES.getOrDefault(breadcrumb.split(" › ")[0], "garden"));
    p.put("query", type.get("query").asText());
    p.put("product_category", breadcrumb);
    ArrayNode bullets = p.putArray("small_description");
    for (String a : attrs.subList(0, attrs.size() - 1)) {
      bullets.add(bullet(a, type, rng));
    }
    List<String> uses = sample(features, 2, rng);
    bullets.add("Made for " + uses.get(0) + " and " + uses.get(1) + ".");
    p.put(
        "full_description",
        String.format(
            "This %s from %s is made for %s. It is %s and %s. Backed by a 30-day return policy.",
            head.toLowerCase(Locale.ROOT),
            brand,
            pick(features, rng),
            attrs.get(attrs.size() - 1),
            attrs.get(0)));
    p.put("pricing", pricing(type.get("price"), rng));
    ObjectNode options = p.putObject("customization_options");
    type.get("options")
        .fields()
        .forEachRemaining(
            group -> {
              List<String> values = strings(group.getValue());
              int n = Math.min(values.size(), 3 + rng.nextInt(5));
              ArrayNode list = options.putArray(group.getKey());
              List<String> chosen = sample(values, n, rng);
              values.stream()
                  .filter(chosen::contains)
                  .forEach(v -> list.addObject().put("value", v).putNull("image"));
            });
    ArrayNode attributes = p.putArray("Attributes");
    attrs.forEach(attributes::add);
    return p;
  }

  private static String bullet(String attribute, JsonNode type, SplittableRandom rng) {
    String t = type.get("type").asText();
    String[] forms = {
      "%s - this %s is %s for %s.",
      "%s: a %s that stays %s through %s.",
      "%s design, built as a %s that is %s for %s."
    };
    String form = forms[rng.nextInt(forms.length)];
    String[] praise = {"great", "comfortable", "reliable", "ideal", "dependable"};
    return String.format(
        form,
        attribute.toUpperCase(Locale.ROOT),
        t,
        praise[rng.nextInt(praise.length)],
        pick(strings(type.get("features")), rng));
  }

  private static String pricing(JsonNode range, SplittableRandom rng) {
    double lo = range.get(0).asDouble();
    double hi = range.get(1).asDouble();
    double a = lo + (hi - lo) * rng.nextDouble();
    if (rng.nextInt(5) == 0) {
      double b = a + 2 + rng.nextDouble() * 10;
      return String.format(Locale.ROOT, "$%.2f - $%.2f", a, b);
    }
    return String.format(Locale.ROOT, "$%.2f", a);
  }

  List<ObjectNode> goals(Catalog catalog) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + 1);
    InstructionWriter writer = new InstructionWriter();
    Map<String, JsonNode> typesByQuery = new LinkedHashMap<>();
    productTypes().forEach(t -> typesByQuery.put(t.get("query").asText(), t));
    List<ObjectNode> out = new ArrayList<>();
    for (Product p : catalog.products()) {
      JsonNode type = typesByQuery.get(p.query());
      for (int g = 0; g < goalsPerProduct; g++) {
        List<String> attrs =
            sample(p.attributes(), 1 + rng.nextInt(Math.min(3, p.attributes().size())), rng);
        Map<String, String> options = new LinkedHashMap<>();
        p.options()
            .forEach(
                (group, values) -> {
                  if (rng.nextInt(10) < 8) {
                    options.put(group, pick(values, rng));
                  }
                });
        double priceUpper = priceUpper(catalog.price(p.asin()), rng);
        ObjectNode goal = JSON.createObjectNode();
        goal.put("asin", p.asin());
        goal.put(
            "instruction_text",
            writer.write(strings(type.get("synonyms")), attrs, options, priceUpper, rng));
        ArrayNode a = goal.putArray("attributes");
        attrs.forEach(a::add);
        ArrayNode o = goal.putArray("goal_options");
        options.values().forEach(o::add);
        goal.put("price_upper", priceUpper);
        out.add(goal);
      }
    }
    return out;
  }

  /**
   * §8: of the first 4 multiples of 10 above the price (up to 990), draw 2 and keep the larger;
   * fewer than 2 gives 1,000,000 (no price in the instruction).
   */
  static double priceUpper(double price, SplittableRandom rng) {
    List<Integer> bounds = new ArrayList<>();
    for (int m = 10; m <= 990 && bounds.size() < 4; m += 10) {
      if (m > price) {
        bounds.add(m);
      }
    }
    if (bounds.size() < 2) {
      return 1_000_000;
    }
    int i = rng.nextInt(bounds.size());
    int j = rng.nextInt(bounds.size() - 1);
    if (j >= i) {
      j++;
    }
    return Math.max(bounds.get(i), bounds.get(j));
  }

  private static String asin(SplittableRandom rng) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder s = new StringBuilder("B0");
    for (int i = 0; i < 8; i++) {
      s.append(alphabet.charAt(rng.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  static String titleCase(String words) {
    StringBuilder out = new StringBuilder();
    for (String w : words.split(" ")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return out.toString();
  }

  static <T> T pick(List<T> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }

  /** {@code n} distinct elements in random order (a partial Fisher-Yates shuffle). */
  static <T> List<T> sample(List<T> list, int n, SplittableRandom rng) {
    List<T> copy = new ArrayList<>(list);
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(copy.size() - i);
      T t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return new ArrayList<>(copy.subList(0, n));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
