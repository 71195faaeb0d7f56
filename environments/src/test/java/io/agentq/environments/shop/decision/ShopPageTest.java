package io.agentq.environments.shop.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShopPageTest {
  @Test
  void aResultsPageIsItsProductLinksWithAsinsPricesAndPositions() {
    ShopPage p = ShopPage.read(ShopPages.resultsPage().page());
    assertEquals(ShopPage.Kind.RESULTS, p.kind());
    assertEquals(2, p.resultPage());
    assertEquals(2, p.results().size());
    ShopPage.Result blue = p.results().get(0);
    assertEquals(4, blue.elementId());
    assertEquals("B000000001", blue.asin());
    assertEquals("Blue Cotton T-Shirt", blue.title());
    assertEquals(25.0, blue.price().getAsDouble());
    assertEquals(0, blue.position());
    assertEquals(1, p.results().get(1).position());
    assertEquals(45.0, p.results().get(1).price().getAsDouble());
    assertTrue(p.result(3).isEmpty(), "Next > is not a result");
    assertNull(p.item());
  }

  @Test
  void anItemPageIsItsTitlePriceAndOptionGroupsWithWhatIsChosen() {
    ShopPage p = ShopPage.read(ShopPages.itemPage().page());
    assertEquals(ShopPage.Kind.ITEM, p.kind());
    ShopPage.Item item = p.item();
    assertEquals("Blue Cotton T-Shirt", item.title());
    assertEquals(28.0, item.price().getAsDouble());
    assertEquals(List.of("color", "size"), item.groups().stream().map(g -> g.name()).toList());
    assertEquals("red", item.groups().get(0).selected().orElseThrow().value());
    assertFalse(item.groups().get(1).selected().isPresent());
    assertEquals("size", item.groupOf(6).orElseThrow().name());
    assertTrue(item.groupOf(9).isEmpty(), "Buy Now is in no group");
    assertTrue(p.results().isEmpty());
  }

  @Test
  void theKindComesFromTheTitle() {
    assertEquals(ShopPage.Kind.SEARCH, ShopPage.kind("Search | agentq shop"));
    assertEquals(ShopPage.Kind.FEATURES, ShopPage.kind("Features | agentq shop"));
    assertEquals(ShopPage.Kind.DESCRIPTION, ShopPage.kind("Description | agentq shop"));
    assertEquals(ShopPage.Kind.DONE, ShopPage.kind("Done | agentq shop"));
    assertEquals(ShopPage.Kind.OTHER, ShopPage.kind("Example Domain"));
  }
}
