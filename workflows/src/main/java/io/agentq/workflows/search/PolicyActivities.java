package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The policy proposes and the critic ranks, in one call: a local activity in the workflow worker's
 * process, or an activity on {@link TaskQueues#POLICY} for separate (GPU) policy workers.
 */
@ActivityInterface(namePrefix = "Policy")
public interface PolicyActivities {
  /**
   * Proposals of {@code policy} at a page, ranked by {@code critic} (names the worker resolves).
   */
  record Expand(
      String policy,
      String critic,
      String instruction,
      NodeState at,
      List<String> history,
      int k,
      long seed) {}

  SearchSteps.Expansion expand(Expand request);
}
