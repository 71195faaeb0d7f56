package io.agentq.environments.shop;

/**
 * The parts of the WebShop reward, for reports and tests.
 *
 * @param total r_type * (attributeMatches + optionMatches + priceOk) / (attributes + options + 1)
 */
public record RewardBreakdown(
    double typeReward,
    double titleScore,
    int attributeMatches,
    int attributes,
    int optionMatches,
    int options,
    boolean priceOk,
    double total) {
  public boolean success() {
    return total == 1.0;
  }
}
