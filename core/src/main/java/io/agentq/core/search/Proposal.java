package io.agentq.core.search;

import io.agentq.core.ActionParser;
import io.agentq.core.CompositeAction;

/** A composite action proposed at a node, in its text form, with its behaviour log-likelihood. */
public record Proposal(
    String plan, String thought, String command, String explanation, double logLikelihood) {

  /** The proposal as a policy or critic reads it: its command parsed back from its text form. */
  public CompositeAction composite() {
    return new CompositeAction(
        plan, thought, ActionParser.parse(command), explanation, logLikelihood);
  }
}
