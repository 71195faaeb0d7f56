package io.agentq.environments.shop;

import java.util.List;

/**
 * WebShop's colour normalisation (specs/webshop-reward.md §3): the first word of a fixed list that
 * occurs as a substring, else the input. Applied to every option value, sizes included.
 */
public final class ColorNormalizer {
  static final List<String> COLORS =
      List.of(
          "alabaster",
          "apricot",
          "aqua",
          "ash",
          "asphalt",
          "azure",
          "banana",
          "beige",
          "black",
          "blue",
          "blush",
          "bordeaux",
          "bronze",
          "brown",
          "burgundy",
          "camel",
          "camo",
          "caramel",
          "champagne",
          "charcoal",
          "cheetah",
          "chestnut",
          "chocolate",
          "christmas",
          "coffee",
          "cognac",
          "copper",
          "coral",
          "cranberry",
          "cream",
          "crystal",
          "dark",
          "denim",
          "eggplant",
          "elephant",
          "espresso",
          "fuchsia",
          "gold",
          "granite",
          "grape",
          "graphite",
          "grass",
          "gray",
          "green",
          "grey",
          "heather",
          "indigo",
          "ivory",
          "ivy",
          "khaki",
          "lavender",
          "lemon",
          "leopard",
          "light",
          "lilac",
          "lime",
          "magenta",
          "maroon",
          "mauve",
          "merlot",
          "midnight",
          "mint",
          "mocha",
          "multicolor",
          "mushroom",
          "mustard",
          "natural",
          "navy",
          "nude",
          "olive",
          "orange",
          "peach",
          "pewter",
          "pink",
          "plum",
          "purple",
          "rainbow",
          "red",
          "rose",
          "royal",
          "rust",
          "sand",
          "sapphire",
          "seashell",
          "silver",
          "skull",
          "slate",
          "steel",
          "stone",
          "stonewash",
          "sunflower",
          "tan",
          "taupe",
          "teal",
          "tiger",
          "turquoise",
          "violet",
          "walnut",
          "wheat",
          "white",
          "wine",
          "yellow");

  private ColorNormalizer() {}

  public static String normalize(String value) {
    for (String color : COLORS) {
      if (value.contains(color)) {
        return color;
      }
    }
    return value;
  }

  /**
   * Quirk Q7: a synthetic goal option is a (name, value) pair; Python's {@code color in pair} is
   * tuple membership, so a colour is returned only when it equals the name or the value; otherwise
   * the pair's string form is what TSR sees.
   */
  public static String normalizePair(String name, String value) {
    for (String color : COLORS) {
      if (color.equals(name) || color.equals(value)) {
        return color;
      }
    }
    return "('" + name + "', '" + value + "')";
  }
}
