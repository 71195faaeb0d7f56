package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The policy and the critic; task queue {@link TaskQueues#POLICY}. */
@ActivityInterface(namePrefix = "Policy")
public interface PolicyActivities {
  record Propose(String instruction, NodeState at, List<String> history, int k, long seed) {}

  record Critique(
      String instruction, NodeState at, List<String> history, List<Proposal> proposals) {}

  List<Proposal> propose(Propose request);

  List<Integer> critique(Critique request);
}
