package io.agentq.infra.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentq.core.judge.JudgeInput;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The judge's features of small inputs, worked out by hand. */
class JudgeFeaturesTest {
  static final String INSTRUCTION = "i need a red mug in 12 ounce for my sister, less than $20";

  @Test
  void pricesLeaveTheWantedWordsOtherNumbersStay() {
    assertEquals(List.of("red", "mug", "12", "ounce", "sister"), JudgeFeatures.wanted(INSTRUCTION));
    assertEquals(
        List.of("nuts"),
        JudgeFeatures.wanted("nuts priced below 60.00 dollars, budget of 30 dollars"));
  }

  @Test
  void aDonePageByHand() {
    JudgeInput in =
        new JudgeInput(
            INSTRUCTION,
            List.of(
                "1. search[red mug]",
                "2. CLICK [3]",
                "3. CLICK [3] (refused)",
                "4. click[Buy Now]"),
            4,
            "Instruction: "
                + INSTRUCTION
                + "\nThank you for shopping with us!\nPurchased: Red Mug (B1)\nOptions: {size=8 ounce}",
            null);
    float[] f = new JudgeFeatures(Set.of("sister")).row(in);
    // Page words (instruction line left out): thank, purchased, red, mug, b1, options,
    // size=8?, ounce ... wanted: red, mug, 12, ounce, sister -> found red, mug, ounce = 3 of 5.
    assertEquals(1f, f[0]); // "thank you"
    assertEquals(3f / 5, f[1], 1e-6);
    assertEquals(1f / 4, f[2], 1e-6); // pairs: red mug (found), mug 12, 12 ounce, ounce sister
    assertEquals(2f / 10, f[3], 1e-6); // 12 and sister missing
    assertEquals(0f, f[5]); // no text box
    assertEquals(3f / 50, f[6], 1e-6); // three lines
    assertEquals(4f / 20, f[7], 1e-6);
    assertEquals(1f / 4, f[8], 1e-6); // one refused of four
    assertEquals(1f, f[9]); // the last command clicks
    assertEquals(1f / 5, f[10], 1e-6); // one search
    assertEquals(1f / 4, f[12], 1e-6); // CLICK [3] repeated
    assertEquals(2f / 5, f[13], 1e-6); // red, mug of the wanted words were searched
    assertEquals(1f, f[14]); // red, mug of the last search are on the page
    assertEquals(1f / 5, f[15], 1e-6); // informative (no "sister"): 12 missing
    assertEquals(3f / 4, f[16], 1e-6);
  }

  @Test
  void fillerIsWhatSuccessfulPagesMostlyDoNotShow() {
    JudgeInput a =
        new JudgeInput("red mug for my sister", List.of(), 1, "Purchased: red mug", null);
    JudgeInput b =
        new JudgeInput("red cup for my sister", List.of(), 1, "Purchased: red cup", null);
    JudgeInput c =
        new JudgeInput("red bowl for my sister", List.of(), 1, "Purchased: red bowl sister", null);
    // "sister": seen 3 times, shown once (< half) -> filler; "red": 3 of 3 -> not; mug/cup/bowl:
    // seen once each, fewer than 3 times -> not judged.
    assertEquals(Set.of("sister"), JudgeFeatures.filler(List.of(a, b, c)));
  }
}
