package io.agentq.environments.shop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether buying a product would fulfil a goal: the reward of buying it with the goal's options
 * (each goal option's value clicked in the product's group that offers it) is 1. Reads the goal's
 * hidden fields, so only experts that demonstrate on train tasks use it, never an agent.
 */
public final class GoalCheck {
  private final Goal goal;
  private final ShopData data;
  private final WebShopReward reward;

  public GoalCheck(Goal goal, ShopData data, WebShopReward reward) {
    this.goal = goal;
    this.data = data;
    this.reward = reward;
  }

  /** Buying {@code asin} with the goal's options scores 1. */
  public boolean accepts(String asin) {
    Optional<Product> p = data.catalog().product(asin);
    if (p.isEmpty()) {
      return false;
    }
    RewardBreakdown r =
        reward.score(
            goal, data.target(goal), p.get(), data.catalog().price(asin), options(p.get()));
    return r.success();
  }

  /** For each goal option the product offers: its group and the value. */
  public Map<String, String> options(Product p) {
    Map<String, String> out = new LinkedHashMap<>();
    for (GoalOption o : goal.options()) {
      for (Map.Entry<String, List<String>> g : p.options().entrySet()) {
        if (g.getValue().contains(o.value()) && !out.containsKey(g.getKey())) {
          out.put(g.getKey(), o.value());
          break;
        }
      }
    }
    return out;
  }

  public Goal goal() {
    return goal;
  }

  public ShopData data() {
    return data;
  }
}
