package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The site side of a search episode; task queue {@link TaskQueues#BROWSER}. Pages travel as keys of
 * the artifact store inside {@link NodeState}s, never inline.
 */
@ActivityInterface(namePrefix = "Env")
public interface EnvironmentActivities {
  /** Execute a command in the sandbox, then roll {@code policy} out from the new page. */
  record Step(
      String policy,
      String episodeId,
      int taskId,
      String instruction,
      NodeState from,
      List<String> history,
      String command,
      int rolloutSteps,
      long rolloutSeed) {}

  record Rollout(
      String policy,
      String episodeId,
      int taskId,
      String instruction,
      NodeState from,
      List<String> history,
      int stepsLeft,
      long seed) {}

  /** An irreversible command for the live site, under its idempotency key. */
  record Commit(
      String episodeId,
      int taskId,
      NodeState from,
      List<String> history,
      String command,
      NodeState chosen,
      String idempotencyKey) {}

  /** Asks the live site what it holds under a key; {@code chosen} is what the search chose. */
  record Lookup(String episodeId, int taskId, String idempotencyKey, NodeState chosen) {}

  /** Opens the episode's sandbox and live sessions; returns the instruction and start page. */
  SearchSteps.Start open(String episodeId, int taskId);

  SearchSteps.Outcome step(Step request);

  SearchSteps.Rollout rollout(Rollout request);

  /**
   * Sends the irreversible command to the live site once, under the key. Fails when the site did
   * not answer with the outcome; the caller then asks the site by key, never acts blindly again.
   */
  SearchSteps.Committed commit(Commit request);

  /**
   * The outcome the live site holds under the key, adopted; null when it holds none. Fails (and is
   * retried) while the site is still processing a request under that key.
   */
  SearchSteps.Committed lookup(Lookup request);
}
