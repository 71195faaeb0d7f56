package io.agentq.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The content words of a text as the agents compare texts: lower-cased, split on anything but
 * letters, digits and {@code . ' /}, trimmed of those at the ends, common function words and
 * shopping verbs dropped, each word once, in order of first use.
 */
public final class ContentWords {
  /** Words that say nothing about what is wanted. */
  public static final Set<String> STOPWORDS =
      Set.of(
          "i",
          "i'm",
          "im",
          "am",
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "for",
          "to",
          "in",
          "on",
          "with",
          "that",
          "is",
          "are",
          "it",
          "its",
          "my",
          "our",
          "me",
          "you",
          "can",
          "please",
          "need",
          "want",
          "would",
          "like",
          "looking",
          "find",
          "search",
          "get",
          "buy",
          "shopping",
          "help",
          "order",
          "d",
          "i'd",
          "one",
          "be",
          "which",
          "this",
          "some",
          "s",
          "m");

  private ContentWords() {}

  /** The content words in order of first use. */
  public static List<String> ordered(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9.'/]+"))
        .map(t -> t.replaceAll("^[.'/]+|[.'/]+$", ""))
        .filter(t -> !t.isEmpty() && !STOPWORDS.contains(t))
        .distinct()
        .toList();
  }

  /** The content words as a set that keeps their order. */
  public static Set<String> of(String text) {
    return new LinkedHashSet<>(ordered(text));
  }

  /** Adjacent pairs of content words: "slim fit", "fit button", "button closure". */
  public static List<String> pairs(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < words.size(); i++) {
      out.add(words.get(i) + " " + words.get(i + 1));
    }
    return out;
  }
}
