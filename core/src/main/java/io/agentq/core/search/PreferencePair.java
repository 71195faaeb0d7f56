package io.agentq.core.search;

import java.util.List;

/**
 * A node-level preference (Agent Q §5.2): at node {@code nodeId}, history {@code history}, on the
 * page stored under {@code observationKey}, the composite action {@code preferred} beat {@code
 * rejected} by more than zero and by at least theta in Q_mix. Carries what off-policy DPO needs
 * (both actions with their behaviour log-likelihoods) and what an audit needs (which children they
 * are, their visits, and where the Q_mix gap comes from).
 *
 * @param nodeId the node both actions were proposed at
 * @param preferredNodeId the child the preferred action leads to
 * @param rejectedNodeId the child the rejected action leads to
 * @param preferred the preferred composite action, with its behaviour log-likelihood
 * @param rejected the rejected composite action, with its behaviour log-likelihood
 * @param alpha the Q_mix weight of the returns (Eq. 10) the pair was made with
 * @param preferredValue Q_mix of the preferred action
 * @param rejectedValue Q_mix of the rejected action
 * @param preferredMeanReturn Q_mcts of the preferred action: the mean return backed up through it
 * @param rejectedMeanReturn Q_mcts of the rejected action
 * @param preferredCriticValue Q_hat of the preferred action: the critic's value of its rank
 * @param rejectedCriticValue Q_hat of the rejected action
 * @param gapFromReturns alpha * (Q_mcts(preferred) - Q_mcts(rejected))
 * @param gapFromCritic (1 - alpha) * (Q_hat(preferred) - Q_hat(rejected)); with {@code
 *     gapFromReturns} it sums to the Q_mix gap (up to rounding)
 * @param preferredVisits N(h, preferred)
 * @param rejectedVisits N(h, rejected)
 */
public record PreferencePair(
    String episodeId,
    int nodeId,
    String instruction,
    String observationKey,
    List<String> history,
    int preferredNodeId,
    int rejectedNodeId,
    Proposal preferred,
    Proposal rejected,
    double alpha,
    double preferredValue,
    double rejectedValue,
    double preferredMeanReturn,
    double rejectedMeanReturn,
    double preferredCriticValue,
    double rejectedCriticValue,
    double gapFromReturns,
    double gapFromCritic,
    int preferredVisits,
    int rejectedVisits) {
  public PreferencePair {
    history = List.copyOf(history);
  }

  /** log pi_ref(a_w | h): the preferred action's likelihood under the policy that proposed it. */
  public double preferredLogLikelihood() {
    return preferred.logLikelihood();
  }

  /** log pi_ref(a_l | h): the rejected action's likelihood under the policy that proposed it. */
  public double rejectedLogLikelihood() {
    return rejected.logLikelihood();
  }

  /** Q_mix(preferred) - Q_mix(rejected): what was compared with theta. */
  public double gap() {
    return preferredValue - rejectedValue;
  }
}
