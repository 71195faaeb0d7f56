package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebShop's own data files: {@code items_shuffle.json} with {@code items_ins_v2.json}, and goals as
 * {@code items_human_ins.json} or JSONL with {@code instruction}. The fixtures under {@code
 * webshop/} are hand-written in those layouts; every expected value below was worked out by hand
 * from them and from WebShop's {@code engine.py load_products} and {@code goal.py get_human_goals}.
 */
class WebShopFilesTest {
  @TempDir Path dir;

  private static Path fixture(String name) {
    try {
      return Path.of(WebShopFilesTest.class.getResource("webshop/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Path ITEMS = fixture("items_shuffle.json");
  private static final Path ATTRIBUTES = fixture("items_ins_v2.json");
  private static final Path HUMAN = fixture("items_human_ins.json");
  private static final Path JSONL = fixture("human_goals.jsonl");

  /** §8: of the first 4 multiples of 10 above the price, the larger of 2 drawn: m+10 to m+30. */
  private static Set<Double> possibleBounds(double price) {
    double m = Math.floor(price / 10) * 10 + 10;
    return Set.of(m + 10, m + 20, m + 30);
  }

  private static String priceText(double bound) {
    return String.format(java.util.Locale.ROOT, ", and price lower than %.2f dollars", bound);
  }

  @Test
  void itemsShuffleRecordsAreReadAsWebShopLoadsThem() {
    List<Product> products = ShopData.loadProducts(ITEMS, ATTRIBUTES);
    // "nan", a 16-character asin and a second B07JGDEO01 are skipped; the first B07JGDEO01 wins.
    assertEquals(
        List.of("B07JGDEO01", "B09HTSHIRT", "B08OAKDESK", "B0SUMMIT32"),
        products.stream().map(Product::asin).toList());
    Product deo = products.get(0);
    assertEquals(
        "Juniper Grove Natural Deodorant, Aluminum Free, Long Lasting, 3 Ounce", deo.name());
    assertEquals("deodorant", deo.query(), "'Deodorant ' lower-cased and stripped");
    assertEquals("beauty", deo.category());
    assertEquals(2, deo.bulletPoints().size());
    assertEquals("A plant-based deodorant for sensitive skin.", deo.description());
    assertEquals(
        Map.of(
            "scent", List.of("bright citrus", "calming lavender"),
            "size", List.of("3 ounce (pack of 1)", "3 ounce | pack of 2")),
        deo.options(),
        "names lower-cased; values stripped, '/' as ' | ', lower-cased");
    assertEquals(List.of("scent", "size"), List.copyOf(deo.options().keySet()), "page order kept");
    assertEquals(List.of("aluminum free", "long lasting", "sensitive skin"), deo.attributes());

    Product shirt = products.get(1);
    assertEquals(
        List.of("Machine wash; slim fit through the chest and waist"),
        shirt.bulletPoints(),
        "a small_description text is a one-item list");
    assertEquals(Map.of("color", List.of("white", "navy blue")), shirt.options(), "Size: null");
    assertEquals(List.of("slim fit", "long sleeve", "machine wash"), shirt.attributes());

    Product desk = products.get(2);
    assertTrue(desk.options().isEmpty(), "customization_options: null");
    assertTrue(
        desk.attributes().isEmpty(), "no 'attributes' in items_ins_v2: WebShop's DUMMY_ATTR");

    Product bottle = products.get(3);
    assertEquals("", bottle.description(), "full_description: null");
    assertTrue(bottle.attributes().isEmpty(), "not in items_ins_v2");

    Catalog catalog = Catalog.of(products);
    assertEquals(11.49, catalog.price("B07JGDEO01"));
    double shirtPrice = catalog.price("B09HTSHIRT");
    assertTrue(shirtPrice >= 24.99 && shirtPrice <= 31.99, "drawn in the range: " + shirtPrice);
    assertEquals(975.0, catalog.price("B08OAKDESK"));
    assertEquals(100.0, catalog.price("B0SUMMIT32"), "pricing \"\" is 100");
  }

  @Test
  void withoutAnAttributesFileTheRecordsOwnAttributesCount() {
    List<Product> products = ShopData.loadProducts(ITEMS);
    assertTrue(products.stream().allMatch(p -> p.attributes().isEmpty()));
  }

  @Test
  void humanInstructionsBecomeGoalsAsGetHumanGoalsBuildsThem() {
    ShopData data = ShopData.load(ITEMS, ATTRIBUTES, HUMAN);
    // B07JGDEO01's second entry has no instruction_attributes and B00NOTSOLD is not in the
    // catalog: both skipped, as WebShop skips them. Goals come in file order.
    assertEquals(
        List.of("B07JGDEO01", "B08OAKDESK", "B09HTSHIRT"),
        data.goals().stream().map(Goal::asin).toList());
    assertEquals(List.of(0, 1, 2), data.goals().stream().map(Goal::index).toList());

    Goal deo = data.goal(0);
    assertTrue(possibleBounds(11.49).contains(deo.priceUpper()), "" + deo.priceUpper());
    assertEquals(Set.of(30.0, 40.0, 50.0), possibleBounds(11.49));
    assertEquals(
        "i need a long lasting deodorant that is aluminum free, in bright citrus scent and 3 ounce"
            + " (pack of 1) size"
            + priceText(deo.priceUpper()),
        deo.instructionText(),
        "the final '.' stripped, the price phrase appended");
    assertEquals(List.of("long lasting", "aluminum free"), deo.attributes());
    assertEquals(
        List.of(GoalOption.value("bright citrus"), GoalOption.value("3 ounce (pack of 1)")),
        deo.options());

    Goal desk = data.goal(1);
    // 975: the multiples of 10 above it are 980 and 990; the larger of the two is always 990.
    assertEquals(990.0, desk.priceUpper());
    assertEquals(
        "i am looking for a solid wood writing desk, and price lower than 990.00 dollars",
        desk.instructionText());

    Goal shirt = data.goal(2);
    assertTrue(
        possibleBounds(data.catalog().price("B09HTSHIRT")).contains(shirt.priceUpper()),
        "" + shirt.priceUpper());
    assertTrue(shirt.instructionText().endsWith(" in navy blue" + priceText(shirt.priceUpper())));
    assertEquals(List.of(GoalOption.value("navy blue")), shirt.options());

    ShopData again = ShopData.load(ITEMS, ATTRIBUTES, HUMAN);
    assertEquals(data.goals(), again.goals(), "a load is reproducible");
  }

  @Test
  void expensiveTargetGetsNoPriceBoundAndNoPriceText() throws IOException {
    Path items =
        write(
            "items.json",
            "[{\"asin\":\"B0PRICEY01\",\"name\":\"Grand Piano\",\"query\":\"pianos\","
                + "\"pricing\":\"$985.00\",\"customization_options\":null}]");
    Path human =
        write(
            "human.json",
            "{\"B0PRICEY01\":[{\"instruction\":\"i want a grand piano.\","
                + "\"instruction_attributes\":[\"grand\"],\"instruction_options\":[]}]}");
    Goal g = ShopData.load(items, null, human).goal(0);
    // 985: only 990 lies above it, fewer than 2 bounds: 1,000,000 and no price phrase.
    assertEquals(1_000_000.0, g.priceUpper());
    assertEquals("i want a grand piano", g.instructionText());
  }

  @Test
  void jsonlAcceptsInstructionOrInstructionText() {
    ShopData data = ShopData.load(ITEMS, ATTRIBUTES, JSONL);
    assertEquals(3, data.goals().size());
    Goal shirt = data.goal(0);
    assertTrue(
        possibleBounds(data.catalog().price("B09HTSHIRT")).contains(shirt.priceUpper()),
        "price_upper left out: drawn as WebShop does");
    assertEquals(
        "i am looking for a slim fit long sleeve dress shirt in navy blue"
            + priceText(shirt.priceUpper()),
        shirt.instructionText());
    assertEquals(List.of("slim fit", "long sleeve"), shirt.attributes());
    assertEquals(List.of(GoalOption.value("navy blue")), shirt.options());

    Goal desk = data.goal(1);
    assertEquals(1200.0, desk.priceUpper(), "given: kept");
    assertEquals(
        "i want a solid wood writing desk, and price lower than 1200.00 dollars",
        desk.instructionText());
    assertEquals(List.of("solid wood"), desk.attributes());
    assertTrue(desk.options().isEmpty());

    Goal deo = data.goal(2);
    assertEquals(
        "i need an aluminum free deodorant in calming lavender, and price lower than 40.00 dollars",
        deo.instructionText(),
        "instruction_text is the final text");
    assertEquals(40.0, deo.priceUpper());
    assertEquals(List.of(GoalOption.value("calming lavender")), deo.options(), "normalised");
  }

  @Test
  void badFilesNameTheFileTheRecordTheFieldAndTheLayouts() throws IOException {
    String layouts = "accepted layouts: JSONL";
    Path human =
        write(
            "human.json",
            "{\n \"B07JGDEO01\": [\n  {\"instruction_attributes\": [\"x\"]}\n ]\n}\n");
    String noInstruction = loadError(human);
    assertTrue(noInstruction.startsWith("goals " + human + ": asin 'B07JGDEO01' instruction #0"));
    assertTrue(noInstruction.contains("field 'instruction' is missing"), noInstruction);
    assertTrue(noInstruction.contains(layouts), noInstruction);

    String notAList =
        loadError(write("h2.json", "{\n \"B07JGDEO01\": {\"instruction\": \"x\"}\n}"));
    assertTrue(notAList.contains("asin 'B07JGDEO01': expected a list of instructions"), notAList);
    assertTrue(notAList.contains(layouts), notAList);

    String broken = loadError(write("h3.json", "{\n \"B07JGDEO01\": [\n"));
    assertTrue(broken.contains("h3.json: not valid JSON") && broken.contains(layouts), broken);

    String array = loadError(write("h4.json", "[{\"asin\": \"B07JGDEO01\"}]"));
    assertTrue(array.contains("h4.json: line 1: expected a JSON object"), array);
    assertTrue(array.contains(layouts), array);

    String noText =
        loadError(
            write("g.jsonl", "{\"asin\":\"B07JGDEO01\",\"attributes\":[],\"price_upper\":5}"));
    assertTrue(noText.contains("line 1: field 'instruction_text' is missing"), noText);
    assertTrue(noText.contains("'instruction'") && noText.contains(layouts), noText);

    String badOptions =
        loadError(
            write(
                "g2.jsonl",
                "{\"asin\":\"B07JGDEO01\",\"instruction\":\"x\",\"instruction_options\":[1]}"));
    assertTrue(badOptions.contains("line 1: field 'instruction_options' must hold only text"));

    String skippedAll =
        loadError(
            write(
                "h5.json",
                "{\"B00NOTSOLD\": [{\"instruction\": \"x\", \"instruction_attributes\": [\"a\"]}]}"));
    assertTrue(skippedAll.contains("holds no goals") && skippedAll.contains(layouts), skippedAll);
  }

  @Test
  void badCatalogAndAttributesFilesAreNamed() throws IOException {
    Path v2 = write("v2.json", "[\"not an object\"]");
    InputException e = assertThrows(InputException.class, () -> ShopData.loadProducts(ITEMS, v2));
    assertTrue(e.getMessage().startsWith("attributes " + v2 + ": expected a JSON object"));
    Path v2b = write("v2b.json", "{\"B07JGDEO01\": {\"attributes\": \"aluminum free\"}}");
    e = assertThrows(InputException.class, () -> ShopData.loadProducts(ITEMS, v2b));
    assertTrue(
        e.getMessage().contains("asin 'B07JGDEO01': field 'attributes' must be a list of text"),
        e.getMessage());
    Path items =
        write("items.json", "[{\"asin\":\"B01\",\"name\":\"N\",\"query\":\"q\",\"pricing\":{}}]");
    e = assertThrows(InputException.class, () -> ShopData.loadProducts(items));
    assertTrue(e.getMessage().contains("product #0: field 'pricing' must be text"), e.getMessage());
    e =
        assertThrows(
            InputException.class, () -> ShopData.loadProducts(ITEMS, dir.resolve("none.json")));
    assertTrue(e.getMessage().contains("none.json: no such file"), e.getMessage());
  }

  @Test
  void pricingAsWebShopReadsIt() throws IOException {
    Path items =
        write(
            "items.json",
            "[{\"asin\":\"B1\",\"name\":\"N\",\"query\":\"q\",\"pricing\":[12.5]},"
                + "{\"asin\":\"B2\",\"name\":\"N\",\"query\":\"q\",\"pricing\":[10, 20]},"
                + "{\"asin\":\"B3\",\"name\":\"N\",\"query\":\"q\",\"pricing\":\"12.99\"},"
                + "{\"asin\":\"B4\",\"name\":\"N\",\"query\":\"q\",\"pricing\":\"2 for $15.00\"},"
                + "{\"asin\":\"B5\",\"Title\":\"T\",\"query\":\"q\"}]");
    Catalog c = Catalog.of(ShopData.loadProducts(items));
    assertEquals(12.5, c.price("B1"));
    assertTrue(c.price("B2") >= 10 && c.price("B2") <= 20);
    assertEquals(100.0, c.price("B3"), "no '$': WebShop reads no price");
    assertEquals(15.0, c.price("B4"), "only what follows the first '$' counts");
    assertEquals("T", c.product("B5").orElseThrow().name(), "Title when name is absent");
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private static String loadError(Path goals) {
    return assertThrows(InputException.class, () -> ShopData.load(ITEMS, ATTRIBUTES, goals))
        .getMessage();
  }
}
