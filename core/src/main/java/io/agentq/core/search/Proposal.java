package io.agentq.core.search;

/** A composite action proposed at a node, in its text form, with its behaviour log-likelihood. */
public record Proposal(
    String plan, String thought, String command, String explanation, double logLikelihood) {}
