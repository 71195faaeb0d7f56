package io.agentq.environments.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request says its party size, in words or digits or by who comes ("me and my wife" is 2, "me
 * and three friends" is 4, "me, my husband and our two kids" is 4), and how such a phrase reads
 * back to the number.
 */
public final class PartyPhrase {
  private static final String N = NumberWords.PATTERN;
  private static final String SPOUSE = "(?:wife|husband|partner|girlfriend|boyfriend)";
  private static final Pattern ALONE = Pattern.compile("(?:just )?(?:for )?(?:just )?me|for one");
  private static final Pattern COUPLE =
      Pattern.compile(
          "(?:for )?(?:me and my "
              + SPOUSE
              + "|my "
              + SPOUSE
              + " and me|the two of us|me and a friend)");
  private static final Pattern FAMILY =
      Pattern.compile(
          "(?:for )?me, my " + SPOUSE + " and (?:our (son|daughter)|our " + N + " kids)");
  private static final Pattern GROUP =
      Pattern.compile("(?:for )?me and " + N + " (?:friends|colleagues|others|coworkers)");
  private static final Pattern COUNT =
      Pattern.compile(
          "(?:for )?(?:a )?(?:party of |group of |table for )?"
              + N
              + "(?: people| guests| persons| of us)?");

  private PartyPhrase() {}

  /** Every phrase this class writes for a party of {@code n}; all read back to {@code n}. */
  public static List<String> phrasings(int n) {
    List<String> out = new ArrayList<>();
    String w = NumberWords.word(n);
    if (n == 1) {
      out.add("just for me");
      out.add("for one");
      return out;
    }
    out.add("for " + w);
    out.add("for " + n + " people");
    out.add("for a party of " + w);
    out.add("for a party of " + n);
    if (n == 2) {
      out.add("for me and my wife");
      out.add("for me and my husband");
      out.add("for the two of us");
      out.add("for me and a friend");
    }
    if (n >= 3) {
      out.add("for me and " + NumberWords.word(n - 1) + " friends");
      out.add("for me and " + (n - 1) + " colleagues");
    }
    if (n == 3) {
      out.add("for me, my wife and our daughter");
    }
    if (n >= 4 && n <= 6) {
      out.add("for me, my husband and our " + NumberWords.word(n - 2) + " kids");
    }
    if (n >= 5) {
      out.add("for a group of " + w);
    }
    return out;
  }

  /** The party size a phrase says; empty when it is none of the readings. */
  public static OptionalInt parse(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    Matcher m;
    if (ALONE.matcher(p).matches()) {
      return OptionalInt.of(1);
    }
    if (COUPLE.matcher(p).matches()) {
      return OptionalInt.of(2);
    }
    if ((m = FAMILY.matcher(p)).matches()) {
      return m.group(1) != null
          ? OptionalInt.of(3)
          : OptionalInt.of(2 + NumberWords.value(m.group(2)).getAsInt());
    }
    if ((m = GROUP.matcher(p)).matches()) {
      return OptionalInt.of(1 + NumberWords.value(m.group(1)).getAsInt());
    }
    if ((m = COUNT.matcher(p)).matches()) {
      int n = NumberWords.value(m.group(1)).getAsInt();
      return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
    }
    return OptionalInt.empty();
  }
}
