package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The browser side of a search episode; task queue {@link TaskQueues#BROWSER}. */
@ActivityInterface(namePrefix = "Env")
public interface EnvironmentActivities {
  record Execute(
      String episodeId, int taskId, NodeState from, List<String> history, String command) {}

  record Rollout(
      String episodeId,
      int taskId,
      String instruction,
      NodeState from,
      List<String> history,
      int stepsLeft,
      long seed) {}

  record Commit(
      String episodeId,
      int taskId,
      NodeState from,
      List<String> history,
      String command,
      String idempotencyKey) {}

  /** Opens the episode's sandbox and live sessions; returns the instruction and start page. */
  SearchSteps.Start open(String episodeId, int taskId);

  NodeState execute(Execute request);

  SearchSteps.Rollout rollout(Rollout request);

  /** Really executes an irreversible command on the live session, after reading the ledger. */
  NodeState commit(Commit request);

  /** Reads the live session's ledger: the outcome of a commit that took effect, or null. */
  NodeState verify(String episodeId, int taskId);
}
