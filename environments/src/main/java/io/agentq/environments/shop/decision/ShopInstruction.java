package io.agentq.environments.shop.decision;

import io.agentq.core.ContentWords;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instruction as the shop's code reads it: its content words and word pairs, the budget it
 * writes ("under 30 dollars", "price lower than 40.00 dollars"), and whether it names a phrase (an
 * option value such as "navy blue" or "x-large", matched whole: "large" is not named by "x-large").
 * Only the text is read, never a goal's hidden price bound or options.
 */
public final class ShopInstruction {
  private static final Pattern BUDGET =
      Pattern.compile(
          "(?i)(?:lower than|under|less than|budget of|below|no more than)\\s*\\$?\\s*([0-9]+(?:\\.[0-9]+)?)");

  private final String text;
  private final List<String> words;
  private final Set<String> wordSet;
  private final List<String> pairs;
  private final OptionalDouble budget;

  private ShopInstruction(String text) {
    this.text = " " + text.toLowerCase(Locale.ROOT) + " ";
    this.words = ContentWords.ordered(text);
    this.wordSet = Set.copyOf(words);
    this.pairs = ContentWords.pairs(words);
    this.budget = budget(text);
  }

  public static ShopInstruction of(String text) {
    return new ShopInstruction(text);
  }

  public List<String> words() {
    return words;
  }

  public List<String> pairs() {
    return pairs;
  }

  public OptionalDouble budget() {
    return budget;
  }

  /** The budget written in an instruction, the last one when it writes several. */
  static OptionalDouble budget(String instruction) {
    Matcher m = BUDGET.matcher(instruction);
    OptionalDouble out = OptionalDouble.empty();
    while (m.find()) {
      out = OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  /**
   * Whether the instruction holds {@code phrase} whole: not inside a longer word or a hyphenated
   * compound ("large" is not in "x-large", "red" is not in "shredded").
   */
  public boolean names(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).strip();
    if (p.isEmpty()) {
      return false;
    }
    for (int at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) {
      char before = text.charAt(at - 1 < 0 ? 0 : at - 1);
      int end = at + p.length();
      char after = end < text.length() ? text.charAt(end) : ' ';
      if (at > 0 && !joins(before) && !joins(after)) {
        return true;
      }
    }
    return false;
  }

  /** A character that makes the letters on either side one word. */
  private static boolean joins(char c) {
    return Character.isLetterOrDigit(c) || c == '-';
  }

  /** The share of the instruction's content words that {@code text} holds. */
  public double recall(String other) {
    if (words.isEmpty()) {
      return 0;
    }
    Set<String> theirs = ContentWords.of(other);
    return (double) words.stream().filter(theirs::contains).count() / words.size();
  }

  /** The share of {@code other}'s content words that the instruction holds. */
  public double precision(String other) {
    List<String> theirs = ContentWords.ordered(other);
    if (theirs.isEmpty()) {
      return 0;
    }
    return (double) theirs.stream().filter(wordSet::contains).count() / theirs.size();
  }

  /**
   * The share of the instruction's word pairs ("slim fit", "dress shirt") that {@code text} holds.
   */
  public double phraseRecall(String other) {
    if (pairs.isEmpty()) {
      return 0;
    }
    Set<String> theirs = Set.copyOf(ContentWords.pairs(ContentWords.ordered(other)));
    return (double) pairs.stream().filter(theirs::contains).count() / pairs.size();
  }
}
