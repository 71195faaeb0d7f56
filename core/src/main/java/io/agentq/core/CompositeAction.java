package io.agentq.core;

/**
 * Agent Q's composite action (Eq. 1): a plan (first step only), a thought, the environment command
 * and an explanation, with the log-likelihood of the whole under the policy that produced it (the
 * sum of the log-likelihoods of its parts).
 */
public record CompositeAction(
    String plan, String thought, Action command, String explanation, double logLikelihood) {}
