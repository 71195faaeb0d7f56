package io.agentq.workers;

import io.agentq.core.SuccessRate;
import java.util.Locale;

/**
 * One row of the ladder's table, kept in the store once measured (a resumed ladder prints the wall
 * times of the run that measured it).
 *
 * @param policy the policy version (or zero-shot) the row evaluates
 * @param search "none" or the search budget line
 * @param backedUp what the search backed up ("-" without search)
 * @param envSteps environment steps of the evaluation itself (a search's interactions included)
 * @param budget environment interactions spent collecting the method's training data (0: none;
 *     expert demonstrations are counted apart)
 * @param trainingSeconds wall time of collecting the data and training
 * @param evalSeconds wall time of the held-out evaluation
 */
record LadderRow(
    String name,
    String policy,
    String search,
    String backedUp,
    int tasks,
    int successes,
    double meanScore,
    double meanSteps,
    int envSteps,
    int budget,
    double trainingSeconds,
    double evalSeconds) {
  SuccessRate rate() {
    return SuccessRate.of(successes, tasks);
  }

  String envStepsPerSuccess() {
    return successes == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) envSteps / successes);
  }

  static String header() {
    return "| row | policy | search (backed up) | success | 95% CI | mean score | mean steps | env steps / success | training interactions | training wall | eval wall |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n";
  }

  String markdown() {
    SuccessRate r = rate();
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %d/%d = %.1f%% | %.1f-%.1f%% | %.4f | %.2f | %s | %s | %.0f s | %.0f s |%n",
        name,
        policy,
        search.equals("none") ? "none" : search + " (" + backedUp + ")",
        successes,
        tasks,
        100 * r.rate(),
        100 * r.low(),
        100 * r.high(),
        meanScore,
        meanSteps,
        envStepsPerSuccess(),
        budget == 0 ? "-" : Integer.toString(budget),
        trainingSeconds,
        evalSeconds);
  }
}
