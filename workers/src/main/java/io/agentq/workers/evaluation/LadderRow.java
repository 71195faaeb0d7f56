package io.agentq.workers.evaluation;

import io.agentq.core.PairedTest;
import io.agentq.core.SuccessRate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the ladder's table, kept in the store once measured (a resumed ladder prints the wall
 * times of the run that measured it).
 *
 * @param policy the policy version (or zero-shot) the row evaluates
 * @param search "none" or the search budget line
 * @param critic the critic of the search, or of the searches that made the row's training data
 *     ("-": none)
 * @param backedUp what the search backed up ("-" without search)
 * @param envSteps environment steps of the evaluation itself (a search's interactions included)
 * @param budget environment interactions spent collecting the method's training data (0: none;
 *     expert demonstrations are counted apart)
 * @param criticBudget environment interactions spent on the critic the row uses (its own trees; 0
 *     for the frozen base's ranking, which costs none)
 * @param trainingSeconds wall time of collecting the data and training
 * @param evalSeconds wall time of the held-out evaluation
 * @param tasks the held-out task ids, in the sample's order
 * @param solved the held-out task ids the row solved
 */
public record LadderRow(
    String name,
    String policy,
    String search,
    String critic,
    String backedUp,
    List<Integer> tasks,
    List<Integer> solved,
    double meanScore,
    double meanSteps,
    int envSteps,
    int budget,
    int criticBudget,
    double trainingSeconds,
    double evalSeconds) {
  public LadderRow {
    tasks = List.copyOf(tasks);
    solved = List.copyOf(solved);
  }

  public int successes() {
    return solved.size();
  }

  SuccessRate rate() {
    return SuccessRate.of(solved.size(), tasks.size());
  }

  /** Task id to whether the row solved it. */
  Map<Integer, Boolean> outcomes() {
    java.util.Set<Integer> won = new java.util.HashSet<>(solved);
    Map<Integer, Boolean> out = new LinkedHashMap<>();
    tasks.forEach(t -> out.put(t, won.contains(t)));
    return out;
  }

  String envStepsPerSuccess() {
    return solved.isEmpty()
        ? "-"
        : String.format(Locale.ROOT, "%.1f", (double) envSteps / solved.size());
  }

  static String header() {
    return "| row | policy | search (critic; backed up) | success | 95% CI | vs base (McNemar) |"
        + " mean score | mean steps | env steps / success | training interactions | critic"
        + " interactions | training wall | eval wall |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  }

  /** The row, with its exact McNemar test against {@code base} (null: the row is the base). */
  String markdown(LadderRow base) {
    SuccessRate r = rate();
    String paired =
        base == null || base == this ? "-" : PairedTest.of(base.outcomes(), outcomes()).describe();
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %d/%d = %.1f%% | %.1f-%.1f%% | %s | %.4f | %.2f | %s | %s | %s | %.0f s |"
            + " %.0f s |%n",
        name,
        policy,
        search.equals("none")
            ? "none" + (critic.equals("-") ? "" : " (data searched with " + critic + ")")
            : search + " (" + critic + "; " + backedUp + ")",
        solved.size(),
        tasks.size(),
        100 * r.rate(),
        100 * r.low(),
        100 * r.high(),
        paired,
        meanScore,
        meanSteps,
        envStepsPerSuccess(),
        budget == 0 ? "-" : String.format(Locale.ROOT, "%,d", budget),
        criticBudget == 0 ? "0" : String.format(Locale.ROOT, "%,d", criticBudget),
        trainingSeconds,
        evalSeconds);
  }
}
