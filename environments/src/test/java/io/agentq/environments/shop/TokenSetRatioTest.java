package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TSR values quoted by specs/webshop-reward.md (identical under difflib and Levenshtein). */
class TokenSetRatioTest {
  @ParameterizedTest
  @CsvSource({
    "large, x-large, 100",
    "blue, white, 22",
    "regular fit, slim fit, 55",
    "sugar free, gluten free, 57",
    "kosher, non gmo, 15",
    "essential oil, essential oils, 96",
    "xl, x-large, 22",
    "dark grey, dark green, 84",
    "pack of 2, pack of 4, 89",
    "8, 8.5, 100",
    "6 ounce (pack of 2), 6 ounce (pack of 4), 94",
    "powder snow, cool powder snow, 100",
    "'', anything, 0"
  })
  void matchesTheSpec(String a, String b, int expected) {
    assertEquals(expected, TokenSetRatio.of(a, b));
  }

  @ParameterizedTest
  @CsvSource({
    "navy blue, blue",
    "dark grey, dark",
    "dark green, dark",
    "standard, tan",
    "washed denim, ash",
    "x-large, x-large"
  })
  void colourNormalisationTakesTheFirstListedSubstring(String value, String expected) {
    assertEquals(expected, ColorNormalizer.normalize(value));
  }
}
