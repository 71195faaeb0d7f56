package io.agentq.environments.booking;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Small numbers as people write them: "four" or "4". */
final class NumberWords {
  static final List<String> WORDS =
      List.of(
          "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve");

  private NumberWords() {}

  static String word(int n) {
    return n >= 0 && n < WORDS.size() ? WORDS.get(n) : Integer.toString(n);
  }

  /** "four", "4" or "a" (one); empty when the token is not a number. */
  static OptionalInt value(String token) {
    String t = token.toLowerCase(Locale.ROOT).strip();
    if (t.matches("\\d{1,3}")) {
      return OptionalInt.of(Integer.parseInt(t));
    }
    if (t.equals("a") || t.equals("an")) {
      return OptionalInt.of(1);
    }
    int i = WORDS.indexOf(t);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The regex alternative matching a number token. */
  static final String PATTERN = "(\\d{1,3}|" + String.join("|", WORDS) + ")";
}
