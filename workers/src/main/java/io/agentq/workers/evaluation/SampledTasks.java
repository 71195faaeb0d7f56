package io.agentq.workers.evaluation;

import io.agentq.activities.training.TaskSite;
import io.agentq.core.CategorySuccess;
import io.agentq.core.Episode;
import io.agentq.core.TaskSampler;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tasks a command runs: the first N of a split's seeded stratified sample ({@link
 * TaskSite#tasks}: the shop's by product category, the booking site's by bookable or not and
 * cuisine), with their categories' names, so that its report can say what they are a sample of and
 * give success per category beside the total.
 *
 * @param taskIds the tasks, in the sample's order
 * @param splitSize tasks in the whole split
 * @param categories task id to its category's short name
 * @param stratifiedBy what the sample is stratified by, for reports
 */
public record SampledTasks(
    List<Integer> taskIds, int splitSize, Map<Integer, String> categories, String stratifiedBy) {
  public SampledTasks {
    taskIds = List.copyOf(taskIds);
    categories = Map.copyOf(categories);
  }

  /** The first {@code limit} tasks of the split's sample (the whole split when 0 or larger). */
  public static SampledTasks of(ShopData data, TaskSplit split, int limit) {
    List<Goal> all = data.sample(split);
    List<Goal> goals = limit <= 0 ? all : all.subList(0, Math.min(limit, all.size()));
    Map<Integer, String> categories = new LinkedHashMap<>();
    goals.forEach(g -> categories.put(g.index(), data.categoryName(g)));
    return new SampledTasks(
        goals.stream().map(Goal::index).toList(), all.size(), categories, SHOP_STRATA);
  }

  /** The first {@code limit} tasks of a site's split sample (the whole split when 0 or larger). */
  public static SampledTasks of(TaskSite site, String split, int limit, String stratifiedBy) {
    List<Integer> all = site.tasks(split, Integer.MAX_VALUE);
    List<Integer> ids = limit <= 0 ? all : all.subList(0, Math.min(limit, all.size()));
    Map<Integer, String> categories = new LinkedHashMap<>();
    ids.forEach(id -> categories.put(id, site.category(id)));
    return new SampledTasks(ids, all.size(), categories, stratifiedBy);
  }

  /** The shop's strata. */
  public static final String SHOP_STRATA = "product category";

  /** What the tasks are, for a report: "a seeded sample of 200 of the split's 1,180 tasks, ...". */
  public String describe() {
    return describe(taskIds.size(), splitSize, stratifiedBy);
  }

  public static String describe(int tasks, int splitSize) {
    return describe(tasks, splitSize, SHOP_STRATA);
  }

  public static String describe(int tasks, int splitSize, String stratifiedBy) {
    String how =
        String.format(
            Locale.ROOT,
            "stratified by %s (sample seed %d)",
            stratifiedBy,
            TaskSampler.SAMPLE_SEED);
    return tasks >= splitSize
        ? String.format(Locale.ROOT, "all %,d tasks of the split, in its order %s", tasks, how)
        : String.format(
            Locale.ROOT,
            "a seeded sample of %,d of the split's %,d tasks, %s",
            tasks,
            splitSize,
            how);
  }

  /** Success per category of episodes run on these tasks, one episode per task in their order. */
  public List<CategorySuccess> byCategory(List<Episode> episodes) {
    Map<Integer, Boolean> success = new LinkedHashMap<>();
    for (int i = 0; i < episodes.size(); i++) {
      success.put(taskIds.get(i), episodes.get(i).success());
    }
    return CategorySuccess.of(success, categories::get);
  }
}
