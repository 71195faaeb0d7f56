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
 *   <li>the share of the last search's content words on the page (did it buy what it looked for)
 *   <li>how many of the instruction's informative words are missing from the page, over 5 (at most
 *       1)
 *   <li>the share of the instruction's informative words on the page
 * </ol>
 *
 * <p>Prices are not what is wanted: "$70", "60.00 dollars" and the words around them are left out
 * of the instruction's words, while other numbers ("4 inch", "6 pack") stay. Informative words are
 * the instruction's words less the filler learned from the training episodes ({@link
 * #filler(List)}): words that the final pages of successful episodes mostly do not show ("sister",
 * "birthday", and attributes the site never prints there), since their absence says nothing.
 */
public final class JudgeFeatures {
  public static final String LAYOUT = "judge-lexical/2";
  public static final int WIDTH = 17;

  /** A word is filler when successful final pages show it less often than this. */
  public static final double FILLER_SHARE = 0.5;

  /** ... and it was seen in at least this many successful episodes' instructions. */
  public static final int FILLER_SEEN = 3;

  private final Set<String> filler;

  /** Features with no filler learned (every instruction word is informative). */
  public JudgeFeatures() {
    this(Set.of());
  }

  public JudgeFeatures(Set<String> filler) {
    this.filler = Set.copyOf(filler);
  }

  public Set<String> filler() {
    return filler;
  }

  /**
   * The filler of some successful episodes' inputs: the instruction words seen at least {@link
   * #FILLER_SEEN} times whose final pages show them less than {@link #FILLER_SHARE} of the time.
   */
  public static java.util.SortedSet<String> filler(List<JudgeInput> successes) {
    java.util.Map<String, int[]> seen = new java.util.HashMap<>();
    for (JudgeInput in : successes) {
      Set<String> page = new HashSet<>(ContentWords.ordered(String.join("\n", pageLines(in))));
      for (String w : wanted(in.instruction())) {
        int[] c = seen.computeIfAbsent(w, k -> new int[2]);
        c[0]++;
        c[1] += page.contains(w) ? 1 : 0;
      }
    }
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    seen.forEach(
        (w, c) -> {
          if (c[0] >= FILLER_SEEN && c[1] < FILLER_SHARE * c[0]) {
            out.add(w);
          }
        });
    return out;
  }

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
          "dollar", "more", "no", "up", "budget");

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
    String lastQuery = "";
    for (String c : commands) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (lc.startsWith("search[") || lc.startsWith("type ")) {
        lastQuery = lc.startsWith("type ") ? lc.replaceFirst("^type \\[\\d+\\] ", "") : lc;
      }
    }
    List<String> queryOfLast = ContentWords.ordered(lastQuery.replace("search[", " "));
    int lastFound = 0;
    for (String w : queryOfLast) {
      lastFound += pageWords.contains(w) ? 1 : 0;
    }
    int informative = 0;
    int informativeFound = 0;
    for (String w : wanted) {
      if (!filler.contains(w)) {
        informative++;
        informativeFound += pageWords.contains(w) ? 1 : 0;
      }
    }
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
    f[14] = share(lastFound, queryOfLast.size());
    f[15] = capped(informative - informativeFound, 5);
    f[16] = share(informativeFound, informative);
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

  /** A price: "$70", "$ 70.00", "60.00 dollars", "30 dollar". */
  private static final java.util.regex.Pattern PRICE =
      java.util.regex.Pattern.compile("\\$\\s*\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?\\s*dollars?\\b");

  /** The instruction's content words that say what is wanted: no prices, no price words. */
  static List<String> wanted(String instruction) {
    String noPrices = PRICE.matcher(instruction.toLowerCase(Locale.ROOT)).replaceAll(" ");
    return ContentWords.ordered(noPrices).stream().filter(w -> !PRICE_WORDS.contains(w)).toList();
  }

  private static float share(int part, int whole) {
    return whole == 0 ? 0 : (float) part / whole;
  }

  private static float capped(int n, int scale) {
    return Math.min(1f, (float) n / scale);
  }
}
