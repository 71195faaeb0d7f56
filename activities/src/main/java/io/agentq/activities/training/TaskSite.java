package io.agentq.activities.training;

import io.agentq.core.Environment;
import java.util.List;

/** The site's tasks as training and evaluation see them: splits, targets, sandbox sessions. */
public interface TaskSite {
  /** The site's environment id: "shop", "booking". */
  String environment();

  /**
   * A seeded sample of {@code limit} task ids of a split ("train", "dev" or "heldout"), stratified
   * by category: the first {@code limit} of the split's order by {@link io.agentq.core.TaskSampler}
   * with {@link io.agentq.core.TaskSampler#SAMPLE_SEED}, the whole split when {@code limit} is
   * larger. Every consumer draws tasks this way, never in file order.
   */
  List<Integer> tasks(String split, int limit);

  /** The task's category as reports name it (the shop: its target's product category). */
  String category(int taskId);

  /** The task's target product (kept with training data, so leaks can be checked). */
  String target(int taskId);

  /** The site's scripted expert for the task (demonstrations for behaviour cloning). */
  io.agentq.core.Policy expert(int taskId);

  /**
   * The site's expert that hunts the task's target product: its success says which goals can be
   * solved at all ({@code agentq expert}); never a training signal.
   */
  io.agentq.core.Policy scriptedExpert(int taskId);

  /** A sandbox session of the task: its purchase is scored, never stored as an order. */
  Environment sandbox(int taskId, String episodeId);
}
