package io.agentq.workers.evaluation;

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
 * The tasks a command runs: the first N of a split's seeded sample stratified by product category
 * ({@link ShopData#sample}), with their categories' names, so that its report can say what they are
 * a sample of and give success per category beside the total.
 *
 * @param goals the tasks, in the sample's order
 * @param splitSize tasks in the whole split
 * @param categories task id to its category's short name
 */
public record SampledTasks(List<Goal> goals, int splitSize, Map<Integer, String> categories) {
  public SampledTasks {
    goals = List.copyOf(goals);
    categories = Map.copyOf(categories);
  }

  /** The first {@code limit} tasks of the split's sample (the whole split when 0 or larger). */
  public static SampledTasks of(ShopData data, TaskSplit split, int limit) {
    List<Goal> all = data.sample(split);
    List<Goal> goals = limit <= 0 ? all : all.subList(0, Math.min(limit, all.size()));
    Map<Integer, String> categories = new LinkedHashMap<>();
    goals.forEach(g -> categories.put(g.index(), data.categoryName(g)));
    return new SampledTasks(goals, all.size(), categories);
  }

  /** What the tasks are, for a report: "a seeded sample of 200 of the split's 1,180 tasks, ...". */
  public String describe() {
    return describe(goals.size(), splitSize);
  }

  public static String describe(int tasks, int splitSize) {
    String how =
        String.format(
            Locale.ROOT,
            "stratified by product category (sample seed %d)",
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
      success.put(goals.get(i).index(), episodes.get(i).success());
    }
    return CategorySuccess.of(success, categories::get);
  }
}
