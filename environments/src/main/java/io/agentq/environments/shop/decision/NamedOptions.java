package io.agentq.environments.shop.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * The option values of an item page that the instruction names, one per group (the first named
 * value of each group, page order): what a shopper would choose before buying. Read from the page
 * and the instruction only.
 */
public final class NamedOptions {
  private NamedOptions() {}

  /** The named value to choose in every group that offers one. */
  public static List<ShopPage.OptionValue> of(ShopPage.Item item, ShopInstruction instruction) {
    List<ShopPage.OptionValue> out = new ArrayList<>();
    for (ShopPage.OptionGroup g : item.groups()) {
      ShopPage.OptionValue chosen = null;
      for (ShopPage.OptionValue v : g.values()) {
        if (instruction.names(v.value())) {
          if (v.selected()) {
            chosen = v;
            break;
          }
          chosen = chosen == null ? v : chosen;
        }
      }
      if (chosen != null) {
        out.add(chosen);
      }
    }
    return out;
  }

  /** Of {@link #of}, those not chosen yet: the clicks left before buying. */
  public static List<ShopPage.OptionValue> toClick(
      ShopPage.Item item, ShopInstruction instruction) {
    return of(item, instruction).stream().filter(v -> !v.selected()).toList();
  }
}
