package io.agentq.environments.shop;

import java.util.Map;

/**
 * A Buy Now that took effect: what was bought, with which options, at what price, and its reward.
 */
public record Purchase(
    String asin, Map<String, String> options, double price, RewardBreakdown reward) {
  public Purchase {
    // Insertion order (the page's option order) keeps the done page identical on every run.
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }
}
