package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader accepts WebShop's layouts and names the file, record and field of every problem. */
class ShopDataTest {
  @TempDir Path dir;

  private static final String PRODUCT =
      "{\"asin\":\"B01\",\"name\":\"Acme Slim Fit Dress Shirt\",\"query\":\"men's dress shirts\","
          + "\"product_category\":\"A › B\",\"small_description\":[\"SLIM FIT\"],"
          + "\"full_description\":\"A shirt.\",\"pricing\":\"$10.00 - $20.00\","
          + "\"customization_options\":{\"color\":[{\"value\":\"white\",\"image\":null},"
          + "{\"value\":\"black\",\"image\":null}]},\"Attributes\":[\"slim fit\"]}";
  private static final String GOAL =
      "{\"asin\":\"B01\",\"instruction_text\":\"a white slim fit shirt\",\"attributes\":[\"slim fit\"],"
          + "\"goal_options\":[\"white\"],\"price_upper\":30.0}";

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private String loadError(String catalog, String goals) throws IOException {
    Path c = write("catalog.json", catalog);
    Path g = write("goals.jsonl", goals);
    return assertThrows(InputException.class, () -> ShopData.load(c, g)).getMessage();
  }

  @Test
  void loadsWebShopLayoutWithRangePriceAndOptionObjects() throws IOException {
    ShopData data =
        ShopData.load(write("c.json", "[" + PRODUCT + "]"), write("g.jsonl", GOAL + "\n\n"));
    Product p = data.catalog().product("B01").orElseThrow();
    assertEquals(java.util.List.of("white", "black"), p.options().get("color"));
    double price = data.catalog().price("B01");
    assertTrue(price >= 10 && price <= 20, "a range is drawn inside it: " + price);
    assertEquals(1, data.goals().size());
    assertEquals(30.0, data.goal(0).priceUpper());
  }

  @Test
  void acceptsTheAlternativeFieldNamesAndDummyAttributes() throws IOException {
    String alt =
        "[{\"asin\":\"B02\",\"name\":\"N\",\"query\":\"q\",\"BulletPoints\":[\"b\"],"
            + "\"Description\":\"d\",\"pricing\":\"\",\"Attributes\":\"DUMMY_ATTR\"}]";
    ShopData data =
        ShopData.load(write("c.json", alt), write("g.jsonl", GOAL.replace("B01", "B02")));
    Product p = data.catalog().product("B02").orElseThrow();
    assertEquals(java.util.List.of("b"), p.bulletPoints());
    assertEquals("d", p.description());
    assertTrue(p.attributes().isEmpty());
    assertEquals(100.0, data.catalog().price("B02"), "no price means 100 (spec §8)");
  }

  @Test
  void catalogThatIsNotJsonNamesTheFileAndLine() throws IOException {
    String msg = loadError("[" + PRODUCT + ",\n{oops", GOAL);
    assertTrue(
        msg.startsWith("catalog ")
            && msg.contains("catalog.json")
            && msg.contains("not valid JSON"),
        msg);
    assertTrue(msg.contains("line 2"), msg);
  }

  @Test
  void catalogErrorsNameTheRecordAndField() throws IOException {
    assertTrue(loadError("{}", GOAL).contains("expected a JSON array"));
    assertTrue(loadError("[]", GOAL).contains("holds no products"));
    String noAsin = loadError("[" + PRODUCT.replace("\"asin\":\"B01\",", "") + "]", GOAL);
    assertTrue(noAsin.contains("product #0") && noAsin.contains("'asin' is missing"), noAsin);
    String badName =
        loadError("[" + PRODUCT.replace("\"Acme Slim Fit Dress Shirt\"", "42") + "]", GOAL);
    assertTrue(badName.contains("'name' must be text"), badName);
    String badOptions =
        loadError("[" + PRODUCT.replace("{\"value\":\"white\",\"image\":null}", "7") + "]", GOAL);
    assertTrue(badOptions.contains("customization_options.color"), badOptions);
  }

  @Test
  void goalErrorsNameTheLineAndField() throws IOException {
    String catalog = "[" + PRODUCT + "]";
    String notJson = loadError(catalog, GOAL + "\n{\"asin\": ");
    assertTrue(notJson.contains("goals.jsonl: line 2: not valid JSON"), notJson);
    String unknown = loadError(catalog, GOAL.replace("B01", "B99"));
    assertTrue(unknown.contains("line 1: target asin 'B99' is not in the catalog"), unknown);
    String noPrice = loadError(catalog, GOAL.replace(",\"price_upper\":30.0", ""));
    assertTrue(noPrice.contains("'price_upper' is missing or not a number"), noPrice);
    String negative = loadError(catalog, GOAL.replace("30.0", "-5"));
    assertTrue(negative.contains("'price_upper' must be positive"), negative);
    String noText =
        loadError(catalog, GOAL.replace("\"instruction_text\":\"a white slim fit shirt\",", ""));
    assertTrue(noText.contains("'instruction_text' is missing"), noText);
    assertTrue(loadError(catalog, "\n\n").contains("holds no goals"));
  }

  @Test
  void aRepeatedAsinIsSkippedAndTheFirstRecordWinsAsInWebShop() throws IOException {
    String second = PRODUCT.replace("Acme Slim Fit Dress Shirt", "Second Record");
    ShopData data =
        ShopData.load(write("c.json", "[" + PRODUCT + "," + second + "]"), write("g.jsonl", GOAL));
    assertEquals(1, data.catalog().size());
    assertEquals("Acme Slim Fit Dress Shirt", data.catalog().product("B01").orElseThrow().name());
  }

  @Test
  void missingFilesAreNamed() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ShopData.load(dir.resolve("nope.json"), dir.resolve("g.jsonl")));
    assertTrue(e.getMessage().contains("nope.json: no such file"), e.getMessage());
  }

  @Test
  void unknownTaskIdSaysWhichIdsExist() throws IOException {
    ShopData data = ShopData.load(write("c.json", "[" + PRODUCT + "]"), write("g.jsonl", GOAL));
    InputException e = assertThrows(InputException.class, () -> data.goal(5));
    assertEquals("--task: unknown task id 5 (this goals file has ids 0 to 0)", e.getMessage());
  }
}
