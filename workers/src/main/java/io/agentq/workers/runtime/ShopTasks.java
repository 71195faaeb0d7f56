package io.agentq.workers.runtime;

import io.agentq.activities.training.TaskSite;
import io.agentq.core.Environment;
import io.agentq.core.Policy;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.GoalCheck;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.environments.shop.WebShopReward;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.DemonstrationExpert;
import java.util.List;

/**
 * The shop's tasks for training and evaluation: splits by target product, each drawn in its seeded
 * sample stratified by product category ({@link io.agentq.environments.shop.ShopData#sample}),
 * sandbox sessions.
 */
public final class ShopTasks implements TaskSite {
  private final ShopRuntime shop;
  private final DriverFactory drivers;

  public ShopTasks(ShopRuntime shop, DriverFactory drivers) {
    this.shop = shop;
    this.drivers = drivers;
  }

  @Override
  public String environment() {
    return ShopRuntime.ENVIRONMENT;
  }

  @Override
  public List<Integer> tasks(String split, int limit) {
    return shop.data().sample(TaskSplit.parse(split)).stream()
        .limit(limit)
        .map(Goal::index)
        .toList();
  }

  @Override
  public String category(int taskId) {
    return shop.data().categoryName(shop.data().goal(taskId));
  }

  @Override
  public String target(int taskId) {
    return shop.data().goal(taskId).asin();
  }

  /** The reward the expert checks products with: WebShop's, with the shop's noun tagger. */
  private static final WebShopReward REWARD = new WebShopReward(new OpenNlpNounExtractor());

  @Override
  public Policy expert(int taskId) {
    Goal g = shop.data().goal(taskId);
    return new DemonstrationExpert(new GoalCheck(g, shop.data(), REWARD), shop.data().target(g));
  }

  @Override
  public Policy scriptedExpert(int taskId) {
    Goal g = shop.data().goal(taskId);
    return new ScriptedExpert(g, shop.data().target(g));
  }

  @Override
  public Environment sandbox(int taskId, String episodeId) {
    return shop.sandboxEpisode(shop.data().goal(taskId), episodeId, drivers);
  }
}
