package io.agentq.environments.shop.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShopInstructionTest {
  @Test
  void theBudgetComesFromTheInstructionsWords() {
    assertEquals(30.0, ShopInstruction.of(ShopPages.INSTRUCTION).budget().getAsDouble());
    assertEquals(
        70.0,
        ShopInstruction.of("slim fit shirt, that costs less than $70").budget().getAsDouble());
    assertEquals(
        45.0,
        ShopInstruction.of("a lamp and price lower than 45.00 dollars").budget().getAsDouble());
    assertEquals(
        60.0, ShopInstruction.of("no more than 60 dollars, a lamp").budget().getAsDouble());
    assertTrue(ShopInstruction.of("a lamp in red").budget().isEmpty());
  }

  @Test
  void aPhraseIsNamedOnlyWhole() {
    ShopInstruction i = ShopInstruction.of("a navy blue shirt in x-large, shredded wheat");
    assertTrue(i.names("navy blue"));
    assertTrue(i.names("x-large"));
    assertTrue(i.names("Navy Blue"), "case does not matter");
    assertFalse(i.names("large"), "inside x-large");
    assertFalse(i.names("red"), "inside shredded");
    assertFalse(i.names("blue shirt in x"), "ends inside x-large");
    assertTrue(i.names("shirt"));
    assertFalse(i.names(""));
  }

  @Test
  void coverageCountsContentWordsAndTheirPairs() {
    ShopInstruction i = ShopInstruction.of(ShopPages.INSTRUCTION);
    // content words: blue cotton t-shirt large under 30 dollars -> "t-shirt" splits into t, shirt
    assertEquals(
        List.of("blue", "cotton", "t", "shirt", "large", "under", "30", "dollars"), i.words());
    assertEquals(4.0 / 8, i.recall("Blue Cotton T-Shirt"), 1e-12);
    assertEquals(1.0, i.precision("Blue Cotton T-Shirt"), 1e-12);
    assertEquals(0.75, i.precision("Red Cotton T-Shirt"), 1e-12);
    // 7 pairs: blue cotton, cotton t, t shirt, shirt large, large under, under 30, 30 dollars
    assertEquals(3.0 / 7, i.phraseRecall("Blue Cotton T-Shirt"), 1e-12);
    assertEquals(2.0 / 7, i.phraseRecall("Red Cotton T-Shirt"), 1e-12);
  }
}
