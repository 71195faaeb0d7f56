package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples E1-E6 of specs/webshop-reward.md §10, with the spec's assumed noun lists. */
class WebShopRewardTest {
  private static final String G1_NAME = "Men's Slim Fit Long Sleeve Button Down Dress Shirt";
  private static final String G2_NAME = "Monin Raspberry Syrup 33.8 fl oz";
  private static final String SHIRTS = "men's dress shirts";
  private static final String SHIRT_CATEGORY =
      "Clothing, Shoes & Jewelry › Men › Clothing › Shirts › Dress Shirts";

  /** The hand-assigned noun lists of the spec, so the expected values hold exactly. */
  private static final Map<String, List<String>> NOUNS =
      Map.of(
          G1_NAME,
          List.of("men", "fit", "sleeve", "button", "dress", "shirt"),
          "Amazon Essentials Men's Regular-Fit Long-Sleeve Poplin Dress Shirt",
          List.of("amazon", "essentials", "men", "fit", "sleeve", "poplin", "dress", "shirt"),
          "Shirt Folding Board for Laundry, Adjustable Clothes Folder",
          List.of("shirt", "folding", "board", "laundry", "clothes", "folder"),
          G2_NAME,
          List.of("monin", "raspberry", "syrup", "fl", "oz"),
          "Torani Sugar Free Raspberry Syrup, 25.4 Ounce",
          List.of("torani", "sugar", "raspberry", "syrup", "ounce"),
          "Stainless Steel Insulated Water Bottle 32 oz",
          List.of("steel", "water", "bottle", "oz"));

  private final WebShopReward reward = new WebShopReward(NOUNS::get);

  private static Product product(
      String name,
      String query,
      String category,
      List<String> attributes,
      List<String> bullets,
      String description) {
    return new Product(
        "B0" + Math.abs(name.hashCode()),
        name,
        "x",
        query,
        category,
        bullets,
        description,
        "",
        Map.of(),
        attributes);
  }

  private static final Product G1_TARGET =
      product(
          G1_NAME,
          SHIRTS,
          SHIRT_CATEGORY,
          List.of("slim fit", "long sleeve", "machine wash", "button closure"),
          List.of(),
          "");
  private static final Goal G1 =
      new Goal(
          0,
          G1_TARGET.asin(),
          "i want a shirt",
          List.of("slim fit", "long sleeve", "machine wash"),
          List.of(GoalOption.value("white"), GoalOption.value("x-large")),
          40.00);

  private static Map<String, String> options(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void e1TargetWithRightOptionsInBudgetIsASuccess() {
    RewardBreakdown r =
        reward.score(G1, G1_TARGET, G1_TARGET, 25.99, options("color", "white", "size", "x-large"));
    assertEquals(3, r.attributeMatches());
    assertEquals(2, r.optionMatches());
    assertEquals(1.0, r.typeReward());
    assertEquals(1.0, r.total());
    assertTrue(r.success());
  }

  @Test
  void e2WrongColourAndLargeForXLarge() {
    RewardBreakdown r =
        reward.score(
            G1, G1_TARGET, G1_TARGET, 25.99, options("color", "navy blue", "size", "large"));
    assertEquals(3, r.attributeMatches());
    assertEquals(1, r.optionMatches());
    assertEquals(5.0 / 6, r.total(), 1e-12);
    assertFalse(r.success());
  }

  @Test
  void e3DifferentShirtOverBudget() {
    Product bought =
        product(
            "Amazon Essentials Men's Regular-Fit Long-Sleeve Poplin Dress Shirt",
            SHIRTS,
            SHIRT_CATEGORY,
            List.of("regular fit", "long sleeve", "wrinkle resistant"),
            List.of(),
            "Classic poplin. Machine wash cold, tumble dry low.");
    RewardBreakdown r =
        reward.score(G1, G1_TARGET, bought, 42.50, options("color", "white", "size", "x-large"));
    assertEquals(2, r.attributeMatches());
    assertEquals(2, r.optionMatches());
    assertFalse(r.priceOk());
    assertEquals(5.0 / 6, r.titleScore(), 1e-12);
    assertEquals(1.0, r.typeReward());
    assertEquals(4.0 / 6, r.total(), 1e-12);
  }

  @Test
  void e4OffTypeProductGetsHalfTypeReward() {
    Product bought =
        product(
            "Shirt Folding Board for Laundry, Adjustable Clothes Folder",
            "laundry organizers",
            "Home & Kitchen › Storage & Organization › Laundry Storage & Organization",
            List.of(),
            List.of(),
            "Fold long sleeve and short sleeve shirts in seconds.");
    RewardBreakdown r = reward.score(G1, G1_TARGET, bought, 15.99, options("color", "white"));
    assertEquals(1.0 / 6, r.titleScore(), 1e-12);
    assertEquals(0.5, r.typeReward());
    assertEquals(1, r.attributeMatches());
    assertEquals(1, r.optionMatches());
    assertEquals(0.25, r.total(), 1e-12);
  }

  @Test
  void e5GoalWithoutOptionsAndTheHyphenQuirk() {
    Product target =
        product(G2_NAME, "syrups", "Grocery › Syrups", List.of("gluten free"), List.of(), "");
    Goal g2 =
        new Goal(1, target.asin(), "syrup", List.of("non gmo", "gluten free"), List.of(), 30.00);
    Product bought =
        product(
            "Torani Sugar Free Raspberry Syrup, 25.4 Ounce",
            "syrups",
            "Grocery › Syrups",
            List.of("sugar free", "gluten free", "kosher"),
            List.of("Non-GMO Project verified"),
            "");
    RewardBreakdown r =
        reward.score(g2, target, bought, 12.99, options("size", "25.4 ounce (pack of 1)"));
    assertEquals(1, r.attributeMatches());
    assertEquals(0, r.optionMatches());
    assertEquals(0.4, r.titleScore(), 1e-12);
    assertEquals(2.0 / 3, r.total(), 1e-12);
  }

  @Test
  void e6UnrelatedProductScoresZero() {
    Product bought =
        product(
            "Stainless Steel Insulated Water Bottle 32 oz",
            "water bottles",
            "Sports › Bottles",
            List.of(),
            List.of(),
            "");
    RewardBreakdown r = reward.score(G1, G1_TARGET, bought, 19.99, options("color", "white"));
    assertEquals(0.0, r.typeReward());
    assertEquals(0, r.attributeMatches());
    assertEquals(1, r.optionMatches());
    assertEquals(0.0, r.total());
  }

  @Test
  void typeRewardRulesOverrideInOrder() {
    Product a = product("A", "q1", "x › y › z", List.of(), List.of(), "");
    Product b = product("B", "q2", "other › thing", List.of(), List.of(), "");
    // Q6: an empty goal noun list gives 0.2: 1.0 if query or category matches, else 0.5.
    assertEquals(1.0, WebShopReward.typeReward(a, a, 0.2));
    assertEquals(0.5, WebShopReward.typeReward(a, b, 0.2));
    assertEquals(0.1, WebShopReward.typeReward(a, a, 0.05));
    assertEquals(0.0, WebShopReward.typeReward(a, a, 0.0)); // Q5: even with the query matching
  }

  @Test
  void syntheticGoalOptionsArePairsAsInQ7() {
    assertEquals("('size', 'XL')", new GoalOption("size", "XL").normalizedForReward());
    assertEquals("white", new GoalOption("color", "white").normalizedForReward());
    assertEquals(
        1, WebShopReward.optionMatches(List.of(new GoalOption("size", "XL")), List.of("XL")));
  }
}
