package io.agentq.activities.training;

import io.agentq.core.Environment;
import java.util.List;

/** The site's tasks as training and evaluation see them: splits, targets, sandbox sessions. */
public interface TaskSite {
  /** The first {@code limit} task ids of a split: "train", "dev" or "heldout". */
  List<Integer> tasks(String split, int limit);

  /** The task's target product (kept with training data, so leaks can be checked). */
  String target(int taskId);

  /** A sandbox session of the task: its purchase is scored, never stored as an order. */
  Environment sandbox(int taskId, String episodeId);
}
