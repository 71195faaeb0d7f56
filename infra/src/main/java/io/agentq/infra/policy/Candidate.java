package io.agentq.infra.policy;

import io.agentq.core.Action;

/**
 * One action a policy may take on a page, with the features a scorer reads.
 *
 * @param text the text the action is about (an element's label, or a typed query)
 * @param features indexed by the constants of {@link CandidateActions}
 */
public record Candidate(Action action, String text, double[] features) {}
