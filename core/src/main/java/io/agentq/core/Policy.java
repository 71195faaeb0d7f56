package io.agentq.core;

import java.util.List;
import java.util.random.RandomGenerator;

/** Proposes composite actions for an agent state and scores given actions. */
public interface Policy {
  /**
   * Samples up to {@code k} distinct composite actions, each with its log-likelihood.
   *
   * @param random the only source of randomness, so a seed fixes the proposals
   */
  List<CompositeAction> propose(AgentState state, int k, RandomGenerator random);

  /** log pi(action | state), or negative infinity when the policy never proposes it. */
  double logLikelihood(AgentState state, Action action);

  /**
   * log pi(a | state) of each of {@code actions}, in their order: a policy that scores a page once
   * for all its actions overrides this.
   */
  default double[] logLikelihoods(AgentState state, List<Action> actions) {
    double[] out = new double[actions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = logLikelihood(state, actions.get(i));
    }
    return out;
  }

  /** A short name that says what the policy is, recorded with every result. */
  String name();
}
