package io.agentq.environments.shop.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedOptionsTest {
  @Test
  void theNamedValueOfEachGroupThatOffersOneIsWhatIsLeftToChoose() {
    ShopPage.Item item = ShopPage.read(ShopPages.itemPage().page()).item();
    ShopInstruction ins = ShopInstruction.of(ShopPages.INSTRUCTION);
    // color offers blue (named; red is chosen); size offers small and x-large, neither named
    assertEquals(
        List.of(3),
        NamedOptions.of(item, ins).stream().map(ShopPage.OptionValue::elementId).toList());
    assertEquals(
        List.of(3),
        NamedOptions.toClick(item, ins).stream().map(ShopPage.OptionValue::elementId).toList());
    ShopInstruction red = ShopInstruction.of("a red cotton t-shirt in small");
    assertEquals(
        List.of(4, 5),
        NamedOptions.of(item, red).stream().map(ShopPage.OptionValue::elementId).toList());
    assertEquals(
        List.of(5),
        NamedOptions.toClick(item, red).stream().map(ShopPage.OptionValue::elementId).toList(),
        "red is chosen already");
  }
}
