package io.agentq.environments.shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * thefuzz 0.19.0 {@code token_set_ratio} with the difflib back-end (specs/webshop-reward.md §2): an
 * integer from 0 to 100; WebShop calls two strings a match when it is above 85.
 */
public final class TokenSetRatio {
  private TokenSetRatio() {}

  public static int of(String a, String b) {
    String pa = preprocess(a);
    String pb = preprocess(b);
    if (pa.isEmpty() || pb.isEmpty()) {
      return 0;
    }
    TreeSet<String> t1 = new TreeSet<>(Arrays.asList(pa.split("\\s+")));
    TreeSet<String> t2 = new TreeSet<>(Arrays.asList(pb.split("\\s+")));
    TreeSet<String> both = new TreeSet<>(t1);
    both.retainAll(t2);
    TreeSet<String> only1 = new TreeSet<>(t1);
    only1.removeAll(t2);
    TreeSet<String> only2 = new TreeSet<>(t2);
    only2.removeAll(t1);
    String s = String.join(" ", both);
    String c1 = (s + " " + String.join(" ", only1)).strip();
    String c2 = (s + " " + String.join(" ", only2)).strip();
    return Math.max(ratio(s, c1), Math.max(ratio(s, c2), ratio(c1, c2)));
  }

  /** Drops code points 128-255, turns non-word characters into spaces, lower-cases, trims. */
  static String preprocess(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .filter(cp -> cp < 128 || cp > 255)
        .forEach(
            cp ->
                out.appendCodePoint(
                    Character.isLetterOrDigit(cp) || cp == '_' ? Character.toLowerCase(cp) : ' '));
    return out.toString().strip();
  }

  /** fuzz.ratio: 100 for equal strings, 0 if one is empty, else round(100 * difflib ratio). */
  static int ratio(String x, String y) {
    if (x.equals(y)) {
      return 100;
    }
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    double r = 2.0 * matchingCharacters(x, y) / (x.length() + y.length());
    return (int) Math.rint(100 * r);
  }

  /** Sum of the sizes of difflib's matching blocks (Ratcliff-Obershelp), with its autojunk rule. */
  static int matchingCharacters(String a, String b) {
    Map<Character, List<Integer>> b2j = new HashMap<>();
    for (int j = 0; j < b.length(); j++) {
      b2j.computeIfAbsent(b.charAt(j), c -> new ArrayList<>()).add(j);
    }
    int n = b.length();
    if (n >= 200) {
      int popular = n / 100 + 1;
      b2j.values().removeIf(positions -> positions.size() > popular);
    }
    return matches(a, b, b2j, 0, a.length(), 0, b.length());
  }

  private static int matches(
      String a, String b, Map<Character, List<Integer>> b2j, int alo, int ahi, int blo, int bhi) {
    int[] best = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
    int i = best[0];
    int j = best[1];
    int k = best[2];
    if (k == 0) {
      return 0;
    }
    int total = k;
    if (alo < i && blo < j) {
      total += matches(a, b, b2j, alo, i, blo, j);
    }
    if (i + k < ahi && j + k < bhi) {
      total += matches(a, b, b2j, i + k, ahi, j + k, bhi);
    }
    return total;
  }

  private static int[] longestMatch(
      String a, String b, Map<Character, List<Integer>> b2j, int alo, int ahi, int blo, int bhi) {
    int besti = alo;
    int bestj = blo;
    int bestsize = 0;
    Map<Integer, Integer> j2len = new HashMap<>();
    for (int i = alo; i < ahi; i++) {
      Map<Integer, Integer> next = new HashMap<>();
      for (int j : b2j.getOrDefault(a.charAt(i), List.of())) {
        if (j < blo) {
          continue;
        }
        if (j >= bhi) {
          break;
        }
        int k = j2len.getOrDefault(j - 1, 0) + 1;
        next.put(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // difflib extends the block over equal "popular" characters that autojunk removed from b2j.
    while (besti > alo && bestj > blo && a.charAt(besti - 1) == b.charAt(bestj - 1)) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi
        && bestj + bestsize < bhi
        && a.charAt(besti + bestsize) == b.charAt(bestj + bestsize)) {
      bestsize++;
    }
    return new int[] {besti, bestj, bestsize};
  }
}
