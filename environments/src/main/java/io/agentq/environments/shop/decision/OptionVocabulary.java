package io.agentq.environments.shop.decision;

import io.agentq.environments.shop.Catalog;
import io.agentq.environments.shop.Product;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The option values the shop offers, by group name, across its whole catalog ("color": black, navy
 * blue, ...): the shop's own knowledge of its vocabulary, public on its pages. With it the shop's
 * code can tell that an instruction asks for a colour an item page does not offer. Values shorter
 * than 3 characters are left out (too many false matches in free text).
 */
public final class OptionVocabulary {
  private final Map<String, Set<String>> values;

  public OptionVocabulary(Map<String, Set<String>> values) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    values.forEach((g, v) -> copy.put(g, Set.copyOf(v)));
    this.values = Map.copyOf(copy);
  }

  /** No vocabulary: only the item page's own values and group names are read. */
  public static OptionVocabulary none() {
    return new OptionVocabulary(Map.of());
  }

  public static OptionVocabulary of(Catalog catalog) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Product p : catalog.products()) {
      for (Map.Entry<String, List<String>> g : p.options().entrySet()) {
        Set<String> vs =
            out.computeIfAbsent(g.getKey().toLowerCase(Locale.ROOT), k -> new TreeSet<>());
        for (String v : g.getValue()) {
          String value = v.toLowerCase(Locale.ROOT).strip();
          if (value.length() >= 3) {
            vs.add(value);
          }
        }
      }
    }
    return new OptionVocabulary(out);
  }

  /** Whether the instruction names some value the shop offers in group {@code group}. */
  public boolean asksFor(ShopInstruction instruction, String group) {
    return values.getOrDefault(group.toLowerCase(Locale.ROOT), Set.of()).stream()
        .anyMatch(instruction::names);
  }

  public int groups() {
    return values.size();
  }
}
