package io.agentq.environments.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Phrases a goal as a shopper would, in many ways: several openings, attribute placements, option
 * phrasings, price phrasings, word orders and distractor details, so that no single template can be
 * matched. Lower case, as WebShop's instructions are.
 */
final class InstructionWriter {
  private static final String[] OPENERS = {
    "i'm looking for",
    "i need",
    "i want to buy",
    "find me",
    "can you find me",
    "search for",
    "i am shopping for",
    "please get me",
    "i would like",
    "looking for",
    "help me find",
    "i'd like to order",
    "get me"
  };
  private static final String[] PRICE = {
    "and price lower than %d.00 dollars", "under %d dollars", "that costs less than $%d",
    "with a budget of %d dollars", "priced below %d.00 dollars", "for less than %d dollars",
    "no more than %d dollars"
  };
  private static final String[] DISTRACTORS = {
    "for my sister",
    "as a gift for a coworker",
    "for the office",
    "for our camping trip",
    "since my old one broke",
    "for my dad's birthday",
    "to keep at my parents' place",
    "for next week",
    "that a friend recommended",
    "for my new apartment",
    "for the holidays"
  };

  String write(
      List<String> synonyms,
      List<String> attributes,
      Map<String, String> options,
      double priceUpper,
      SplittableRandom rng) {
    String thing = synonyms.get(rng.nextInt(synonyms.size()));
    String attrs = join(attributes, rng.nextBoolean() ? " and " : ", ");
    String item =
        switch (rng.nextInt(4)) {
          case 0 -> article(attrs) + " " + attrs + " " + thing;
          case 1 -> thing + " that " + (thing.endsWith("s") ? "are " : "is ") + attrs;
          case 2 -> thing + " with " + attrs;
          default -> attrs + " " + thing;
        };
    List<String> parts = new ArrayList<>();
    parts.add(OPENERS[rng.nextInt(OPENERS.length)] + " " + item);
    String opts = optionPhrase(options, rng);
    String price =
        priceUpper >= 1_000_000
            ? ""
            : String.format(Locale.ROOT, PRICE[rng.nextInt(PRICE.length)], (int) priceUpper);
    boolean priceFirst = rng.nextInt(3) == 0;
    if (priceFirst && !price.isEmpty()) {
      parts.add(price.startsWith("and ") ? price.substring(4) : price);
      if (!opts.isEmpty()) {
        parts.add("and " + opts);
      }
    } else {
      if (!opts.isEmpty()) {
        parts.add(opts);
      }
      if (!price.isEmpty()) {
        parts.add(price);
      }
    }
    if (rng.nextInt(2) == 0) {
      String d = DISTRACTORS[rng.nextInt(DISTRACTORS.length)];
      if (rng.nextBoolean()) {
        parts.add(1, d);
      } else {
        parts.add(d);
      }
    }
    return String.join(rng.nextBoolean() ? ", " : " ", parts).toLowerCase(Locale.ROOT);
  }

  private static String optionPhrase(Map<String, String> options, SplittableRandom rng) {
    List<String> phrases = new ArrayList<>();
    options.forEach(
        (group, value) ->
            phrases.add(
                switch (rng.nextInt(4)) {
                  case 0 -> "in " + value + (group.equals("color") ? " color" : "");
                  case 1 -> group + " " + value;
                  case 2 -> "with " + group + ": " + value;
                  default -> "the " + value + " " + group;
                }));
    return join(phrases, " and ");
  }

  private static String join(List<String> items, String lastSeparator) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + lastSeparator
        + items.get(items.size() - 1);
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
