package io.agentq.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Success in one category of tasks, a row of the table that reports print beside a total (an
 * evaluation, a ladder's row), so that a rate on a stratified sample can be read per category.
 *
 * @param category the category's name as reports show it
 * @param tasks tasks of the category that were run
 * @param successes of them, the successful ones
 */
public record CategorySuccess(String category, int tasks, int successes) {
  /** successes / tasks (0 when no task was run). */
  public double rate() {
    return tasks == 0 ? 0 : (double) successes / tasks;
  }

  /**
   * One row per category, sorted by name: {@code successByTask} is every task's outcome (task id to
   * success), {@code category} names a task's category.
   */
  public static List<CategorySuccess> of(
      Map<Integer, Boolean> successByTask, IntFunction<String> category) {
    Map<String, int[]> counts = new TreeMap<>();
    successByTask.forEach(
        (task, success) -> {
          int[] c = counts.computeIfAbsent(category.apply(task), k -> new int[2]);
          c[0]++;
          c[1] += success ? 1 : 0;
        });
    List<CategorySuccess> rows = new ArrayList<>();
    counts.forEach((name, c) -> rows.add(new CategorySuccess(name, c[0], c[1])));
    return rows;
  }

  /** The rows as a Markdown table: category, tasks, successes, rate. */
  public static String markdown(List<CategorySuccess> rows) {
    StringBuilder md =
        new StringBuilder("| category | tasks | successes | rate |\n|---|---|---|---|\n");
    for (CategorySuccess r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f%% |\n",
              r.category().replace("|", "\\|"),
              r.tasks(),
              r.successes(),
              100 * r.rate()));
    }
    return md.toString();
  }
}
