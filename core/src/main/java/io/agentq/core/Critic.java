package io.agentq.core;

import java.util.List;

/** Ranks candidate actions by how much they help complete the task (AI self-critique). */
public interface Critic {
  /**
   * @return the indices of {@code proposals}, best first; a permutation of 0..size-1
   */
  List<Integer> rank(AgentState state, List<CompositeAction> proposals);

  String name();
}
