package io.agentq.infra.judge;

import io.agentq.core.ContentWords;
import io.agentq.core.judge.JudgeInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The frozen features the built-in judge reads of a {@link JudgeInput}: screenshot-free, lexical,
 * from the instruction, the commands of the history and the final page's judge text only (never the
 * thoughts, which name the policy that acted rather than what happened). The final page is read
 * without the lines that repeat the instruction (the built-in sites print it on every page), so
 * that overlap with the instruction measures what the page says back.
 *
 * <ol start="0">
 *   <li>confirmation: the page reads as a confirmation (thank you, purchased, confirmed, booked,
 *       reservation, order number...)
 *   <li>the share of the instruction's content words (no numbers, no price words) on the page
 *   <li>the share of the instruction's adjacent content-word pairs on the page
 *   <li>how many of those content words are missing from the page, over 10 (at most 1)
 *   <li>the share of the page's last 5 lines' content words that the instruction uses
 *   <li>the page still has a text box (a search or form page, not an end page)
 *   <li>the page's lines, over 50 (at most 1)
 *   <li>steps taken, over 20 (at most 1)
 *   <li>the share of steps the site refused
 *   <li>the last command is a click
 *   <li>searches typed, over 5 (at most 1)
 *   <li>going back (BACK, "back", "prev"), over 5 (at most 1)
 *   <li>the share of commands that repeat an earlier one
 *   <li>the share of the instruction's content words in the searches typed
 * </ol>
 */
public final class JudgeFeatures {
  public static final String LAYOUT = "judge-lexical/1";
  public static final int WIDTH = 14;

  private static final List<String> CONFIRMATIONS =
      List.of(
          "thank you",
          "purchased",
          "confirmed",
          "confirmation",
          "booked",
          "reservation is",
          "your reservation",
          "order number",
          "your order",
          "your code",
          "successfully");

  /** Words that say how much something may cost, not what it is. */
  private static final Set<String> PRICE_WORDS =
      Set.of(
          "price", "priced", "costs", "cost", "less", "than", "lower", "under", "below", "dollars",
          "dollar", "more", "no", "up");

  public String layout() {
    return LAYOUT;
  }

  public int width() {
    return WIDTH;
  }

  /** The feature row of {@code in}. */
  public float[] row(JudgeInput in) {
    List<String> lines = pageLines(in);
    String page = String.join("\n", lines).toLowerCase(Locale.ROOT);
    List<String> wanted = wanted(in.instruction());
    Set<String> pageWords = new HashSet<>(ContentWords.ordered(page));
    int found = 0;
    for (String w : wanted) {
      found += pageWords.contains(w) ? 1 : 0;
    }
    List<String> pairs = ContentWords.pairs(wanted);
    List<String> pagePairs = ContentWords.pairs(ContentWords.ordered(page));
    Set<String> pagePairSet = new HashSet<>(pagePairs);
    int pairsFound = 0;
    for (String p : pairs) {
      pairsFound += pagePairSet.contains(p) ? 1 : 0;
    }
    List<String> lastLines = lines.subList(Math.max(0, lines.size() - 5), lines.size());
    List<String> tail = ContentWords.ordered(String.join(" ", lastLines));
    Set<String> instructionWords = new HashSet<>(ContentWords.ordered(in.instruction()));
    int tailUsed = 0;
    for (String w : tail) {
      tailUsed += instructionWords.contains(w) ? 1 : 0;
    }
    List<String> commands = in.commands();
    int searches = 0;
    int backs = 0;
    StringBuilder queries = new StringBuilder();
    Set<String> seen = new HashSet<>();
    int repeats = 0;
    for (String c : commands) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (lc.startsWith("search[") || lc.startsWith("type ")) {
        searches++;
        queries.append(' ').append(c);
      }
      if (lc.startsWith("back") || lc.contains("back to") || lc.contains("prev")) {
        backs++;
      }
      if (!seen.add(c)) {
        repeats++;
      }
    }
    Set<String> queryWords = new HashSet<>(ContentWords.ordered(queries.toString()));
    int inQueries = 0;
    for (String w : wanted) {
      inQueries += queryWords.contains(w) ? 1 : 0;
    }
    String last = commands.isEmpty() ? "" : commands.get(commands.size() - 1);
    float[] f = new float[WIDTH];
    f[0] = CONFIRMATIONS.stream().anyMatch(page::contains) ? 1 : 0;
    f[1] = share(found, wanted.size());
    f[2] = share(pairsFound, pairs.size());
    f[3] = capped(wanted.size() - found, 10);
    f[4] = share(tailUsed, tail.size());
    f[5] = lines.stream().anyMatch(l -> l.contains("] textbox \"")) ? 1 : 0;
    f[6] = capped(lines.size(), 50);
    f[7] = capped(in.steps(), 20);
    f[8] = share((int) in.refused(), in.history().isEmpty() ? 0 : commands.size());
    f[9] = last.toLowerCase(Locale.ROOT).startsWith("click") ? 1 : 0;
    f[10] = capped(searches, 5);
    f[11] = capped(backs, 5);
    f[12] = share(repeats, commands.size());
    f[13] = share(inQueries, wanted.size());
    return f;
  }

  /** The final page's lines, less those that repeat the instruction. */
  static List<String> pageLines(JudgeInput in) {
    String instruction = in.instruction().strip().toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String line : in.finalPage().split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.toLowerCase(Locale.ROOT).contains(instruction)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The instruction's content words that say what is wanted: no numbers, no price words. */
  static List<String> wanted(String instruction) {
    return ContentWords.ordered(instruction).stream()
        .filter(w -> !w.matches(".*\\d.*") && !PRICE_WORDS.contains(w))
        .toList();
  }

  private static float share(int part, int whole) {
    return whole == 0 ? 0 : (float) part / whole;
  }

  private static float capped(int n, int scale) {
    return Math.min(1f, (float) n / scale);
  }
}
