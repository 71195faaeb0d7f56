package io.agentq.environments.shop;

import java.util.Map;

/**
 * A Buy Now that took effect: what was bought, with which options, at what price, and its reward.
 */
public record Purchase(
    String asin, Map<String, String> options, double price, RewardBreakdown reward) {
  public Purchase {
    options = Map.copyOf(options);
  }
}
