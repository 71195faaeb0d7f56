package io.agentq.core;

import java.util.List;

/**
 * What a policy or critic may see (Agent Q's h_t): the instruction, the actions taken so far and
 * the CURRENT page only.
 */
public record AgentState(Instruction instruction, List<Action> previousActions, Observation page) {
  public AgentState {
    previousActions = List.copyOf(previousActions);
  }

  public int step() {
    return previousActions.size();
  }
}
