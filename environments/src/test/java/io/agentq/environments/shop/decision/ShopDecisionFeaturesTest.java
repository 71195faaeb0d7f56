package io.agentq.environments.shop.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shop's decision row worked out by hand on a results page and an item page. */
class ShopDecisionFeaturesTest {
  /** A similarity that is the same for every pair: the row's other features are what is tested. */
  static final ShopDecisionFeatures FEATURES =
      new ShopDecisionFeatures(
          (a, b) -> 0.25,
          new OptionVocabulary(Map.of("size", Set.of("small", "large", "x-large"))));

  static double at(double[] row, String name) {
    return row[ShopDecisionFeatures.column(name)];
  }

  @Test
  void onAResultsPageAProductLinkCarriesItsPositionPriceAndTitleCoverage() {
    AgentState s = ShopPages.resultsPage();
    double[][] rows =
        FEATURES.rows(
            s,
            List.of(
                new Action.Click(4),
                new Action.Click(5),
                new Action.Click(3),
                new Action.Click(2),
                new Action.Click(1)));
    double[] blue = rows[0];
    double[] red = rows[1];
    double[] next = rows[2];
    double[] prev = rows[3];
    double[] back = rows[4];
    assertEquals(ShopDecisionFeatures.WIDTH, blue.length);
    for (double[] r : rows) {
      assertEquals(1, at(r, "page-results"));
      assertEquals(0, at(r, "page-item"));
      assertEquals(1, at(r, "budget-known"));
      assertEquals(0.25, at(r, "result-page"), 1e-12, "page 2: (2 - 1) / 4");
      // the instruction's 8 content words: blue cotton t shirt large under 30 dollars; Blue
      // Cotton T-Shirt ($25) holds 4; Red Cotton T-Shirt is over the budget of 30
      assertEquals(0.5, at(r, "best-result-recall"), 1e-12);
      assertEquals(1.0 / 3, at(r, "searches"), 1e-12);
    }
    assertEquals(1, at(blue, "product"));
    assertEquals(0, at(blue, "product-position"));
    assertEquals(1, at(blue, "product-affordable"));
    assertEquals(0, at(blue, "product-over-budget"));
    assertEquals(25.0 / 30 / 2, at(blue, "product-price-ratio"), 1e-12);
    assertEquals(0.5, at(blue, "product-recall"), 1e-12);
    assertEquals(3.0 / 7, at(blue, "product-phrases"), 1e-12);
    assertEquals(0, at(blue, "product-recall-gap"), 1e-12);
    assertEquals(0.1, at(red, "product-position"), 1e-12);
    assertEquals(0, at(red, "product-affordable"));
    assertEquals(1, at(red, "product-over-budget"));
    assertEquals(45.0 / 30 / 2, at(red, "product-price-ratio"), 1e-12);
    assertEquals(3.0 / 8, at(red, "product-recall"), 1e-12);
    assertEquals(2.0 / 7, at(red, "product-phrases"), 1e-12);
    assertEquals(3.0 / 8 - 0.5, at(red, "product-recall-gap"), 1e-12);
    assertEquals(1, at(next, "next"));
    assertEquals(0, at(next, "product"));
    assertEquals(0.5, at(next, "next-best-recall"), 1e-12);
    assertEquals(1, at(prev, "prev"));
    assertEquals(0, at(prev, "prev-item-unready"), "not on an item page");
    assertEquals(1, at(back, "back-to-search"));
  }

  @Test
  void onAnItemPageEveryRowSeesWhetherTheNamedOptionsAreOfferedAndChosen() {
    AgentState s = ShopPages.itemPage();
    double[][] rows =
        FEATURES.rows(
            s,
            List.of(
                new Action.Click(3),
                new Action.Click(6),
                new Action.Click(9),
                new Action.Click(2),
                new Action.Click(7),
                new Action.Back()));
    double[] blue = rows[0];
    double[] xLarge = rows[1];
    double[] buy = rows[2];
    double[] prev = rows[3];
    double[] description = rows[4];
    double[] back = rows[5];
    for (double[] r : rows) {
      assertEquals(1, at(r, "page-item"));
      assertEquals(0.5, at(r, "item-recall"), 1e-12);
      assertEquals(3.0 / 7, at(r, "item-phrases"), 1e-12);
      assertEquals(0.25, at(r, "item-similarity"), 1e-12);
      assertEquals(1, at(r, "item-affordable"), "$28 within 30");
      assertEquals(0, at(r, "item-over-budget"));
      assertEquals(0.5, at(r, "item-named-groups"), 1e-12, "color offers blue; size no named one");
      assertEquals(0.5, at(r, "item-unsatisfied"), 1e-12, "color has red chosen: 1 / 2");
      assertEquals(0.5, at(r, "item-missing"), 1e-12, "large is a size the page lacks: 1 / 2");
      assertEquals(0, at(r, "item-ready"));
    }
    assertEquals(1, at(blue, "option"));
    assertEquals(1, at(blue, "option-named"));
    assertEquals(1, at(blue, "option-replaces"), "red is chosen in its group");
    assertEquals(0, at(blue, "option-group-satisfied"), "red is not what the instruction names");
    assertEquals(1, at(blue, "option-group-named"));
    assertEquals(1, at(xLarge, "option"));
    assertEquals(0, at(xLarge, "option-named"), "large is named, x-large is not");
    assertEquals(0, at(xLarge, "option-replaces"));
    assertEquals(0, at(xLarge, "option-group-named"));
    assertEquals(1, at(buy, "buy"));
    assertEquals(0, at(buy, "buy-ready"));
    assertEquals(0.5, at(buy, "buy-recall"), 1e-12);
    assertEquals(1, at(prev, "prev"));
    assertEquals(1, at(prev, "prev-item-unready"));
    assertEquals(0.5, at(prev, "prev-item-recall"), 1e-12);
    assertEquals(1, at(description, "info"));
    assertEquals(1, at(back, "browser"));
    assertEquals(0, at(back, "buy"));
  }

  @Test
  void withTheNamedValueChosenAndOnOfferTheItemIsReady() {
    AgentState s = ShopPages.itemPage();
    Observation page = s.page();
    String text =
        page.text()
            .replace("[3] link \"blue\"", "[3] link \"blue\" (selected)")
            .replace("[4] link \"red\" (selected)", "[4] link \"red\"")
            .replace("[6] link \"x-large\"", "[6] link \"large\"");
    Observation ready =
        new Observation(
            page.url(),
            page.title(),
            text,
            page.elements().stream()
                .map(
                    e ->
                        new PageElement(
                            e.id(), e.role(), e.id() == 6 ? "large" : e.label(), e.id() == 3))
                .toList());
    double[][] rows =
        FEATURES.rows(
            new AgentState(s.instruction(), s.previousActions(), ready),
            List.of(new Action.Click(9), new Action.Click(6), new Action.Click(2)));
    assertEquals(1, at(rows[0], "item-named-groups"), 1e-12, "both groups offer a named value");
    assertEquals(0.5, at(rows[0], "item-unsatisfied"), 1e-12, "large is not chosen yet");
    assertEquals(0, at(rows[0], "item-ready"));
    assertEquals(1, at(rows[1], "option-named"));
    // choose large as well: ready to buy
    Observation both =
        new Observation(
            ready.url(),
            ready.title(),
            ready.text().replace("[6] link \"large\"", "[6] link \"large\" (selected)"),
            ready.elements());
    rows =
        FEATURES.rows(
            new AgentState(s.instruction(), s.previousActions(), both),
            List.of(new Action.Click(9), new Action.Click(2)));
    assertEquals(0, at(rows[0], "item-unsatisfied"));
    assertEquals(0, at(rows[0], "item-missing"));
    assertEquals(1, at(rows[0], "item-ready"));
    assertEquals(1, at(rows[0], "buy-ready"));
    assertEquals(0, at(rows[1], "prev-item-unready"));
  }

  @Test
  void withoutAVocabularyOnlyTheGroupsNameSaysTheInstructionAsksAboutIt() {
    ShopDecisionFeatures bare = new ShopDecisionFeatures((a, b) -> 0, OptionVocabulary.none());
    double[] buy = bare.rows(ShopPages.itemPage(), List.of(new Action.Click(9)))[0];
    assertEquals(0, at(buy, "item-missing"), "the instruction says neither 'size' nor a size");
    AgentState sized =
        new AgentState(
            new Instruction("a blue cotton t-shirt, size large, under 30 dollars"),
            ShopPages.itemPage().previousActions(),
            ShopPages.itemPage().page());
    buy = bare.rows(sized, List.of(new Action.Click(9)))[0];
    assertEquals(0.5, at(buy, "item-missing"), 1e-12, "'size' is said, no named size offered");
  }

  @Test
  void aSearchRowCarriesHowMuchOfTheInstructionTheQueryHolds() {
    AgentState s = ShopPages.resultsPage();
    Observation search =
        new Observation(
            "http://shop/s/x/",
            "Search | agentq shop",
            "[1] textbox \"Search\"\n[2] button \"Search\"",
            List.of(
                new PageElement(1, "textbox", "Search", false),
                new PageElement(2, "button", "Search", false)));
    double[] r =
        FEATURES
            .rows(
                new AgentState(s.instruction(), List.of(), search),
                List.of(new Action.Type(1, "blue cotton t-shirt")))[0];
    assertEquals(1, at(r, "page-search"));
    assertEquals(1, at(r, "search"));
    assertEquals(0.5, at(r, "query-recall"), 1e-12);
    assertEquals(4.0 / 12, at(r, "query-length"), 1e-12);
    assertEquals(0, at(r, "searches"));
    assertTrue(ShopDecisionFeatures.LAYOUT.startsWith("shop-decision-v1/"));
  }
}
