package io.agentq.environments.shop;

/**
 * One goal option. Human goals give a bare value ({@code name} null); synthetic goals give a (name,
 * value) pair, which the reward treats as WebShop does (quirk Q7).
 */
public record GoalOption(String name, String value) {
  public static GoalOption value(String value) {
    return new GoalOption(null, value);
  }

  /** The option as the reward's colour normalisation and TSR see it. */
  public String normalizedForReward() {
    return name == null
        ? ColorNormalizer.normalize(value)
        : ColorNormalizer.normalizePair(name, value);
  }
}
