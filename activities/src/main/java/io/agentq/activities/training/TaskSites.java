package io.agentq.activities.training;

import io.agentq.core.InputException;
import io.agentq.workflows.search.TaskQueues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of every site a worker serves, by environment id; a request that names none ran on the
 * shop, and one that names a site not served here is bad input, named in one line.
 */
public final class TaskSites {
  private final Map<String, TaskSite> sites = new LinkedHashMap<>();

  public TaskSites(List<TaskSite> served) {
    for (TaskSite s : served) {
      if (sites.putIfAbsent(s.environment(), s) != null) {
        throw new IllegalArgumentException("two task sites for environment " + s.environment());
      }
    }
  }

  /** One site's tasks. */
  public static TaskSites of(TaskSite only) {
    return new TaskSites(List.of(only));
  }

  /** The tasks of {@code environment} (null: the shop). */
  public TaskSite of(String environment) {
    String id = TaskQueues.environmentOf(environment);
    TaskSite s = sites.get(id);
    if (s == null) {
      throw new InputException(
          "environment '" + id + "': this worker serves " + sites.keySet() + " only");
    }
    return s;
  }
}
