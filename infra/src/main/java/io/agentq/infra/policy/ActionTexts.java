package io.agentq.infra.policy;

import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import java.util.Locale;

/**
 * The plan, thought and explanation of the built-in policies' composite actions, from templates:
 * recorded with every action, but only the command carries likelihood (specs/learning.md).
 */
public final class ActionTexts {
  private ActionTexts() {}

  public static CompositeAction compose(
      AgentState state, Candidate candidate, double score, double logLikelihood) {
    double[] f = candidate.features();
    String plan =
        state.step() == 0
            ? "Search for what the instruction describes, open the best-matching result, choose"
                + " the options it names, then buy."
            : "";
    String thought =
        String.format(
            Locale.ROOT,
            "On '%s', '%s' scores %.2f (similarity %.2f, overlap %.2f/%.2f).",
            state.page().title(),
            candidate.text(),
            score,
            f[CandidateActions.SEMANTIC],
            f[CandidateActions.PRECISION],
            f[CandidateActions.RECALL]);
    String explanation =
        f[CandidateActions.COMMIT] > 0
            ? String.format(
                Locale.ROOT,
                "%.0f%% of the mentioned choices are made.",
                100 * f[CandidateActions.COMMIT_READINESS])
            : "It is the closest match to the instruction among the page's actions.";
    return new CompositeAction(plan, thought, candidate.action(), explanation, logLikelihood);
  }
}
