package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The site side of a search episode; task queue {@link TaskQueues#browser} of the episode's
 * environment. Every request names its environment ("shop", "booking"; null in requests recorded
 * before there were two: the shop), so one worker can serve several sites. Pages travel as keys of
 * the artifact store inside {@link NodeState}s, never inline. With {@code screens}, a page that
 * becomes a node's is also kept as a screenshot beside its observation (a browser driver only); the
 * flag comes from the episode's request, so a retried or replayed call asks the same.
 */
@ActivityInterface(namePrefix = "Env")
public interface EnvironmentActivities {
  /** Opens an episode's sessions. */
  record Open(String environment, String episodeId, int taskId, boolean screens) {}

  /**
   * Execute a command in the sandbox, then roll {@code policy} out from the new page. With a {@code
   * judge} ("judge:jN"; null: the site's reward), a terminal page's reward is the judge's verdict
   * on the instruction, the commands and the page, never the site's.
   */
  record Step(
      String environment,
      String policy,
      String episodeId,
      int taskId,
      String instruction,
      NodeState from,
      List<String> history,
      String command,
      int rolloutSteps,
      long rolloutSeed,
      boolean screens,
      String judge) {}

  record Rollout(
      String environment,
      String policy,
      String episodeId,
      int taskId,
      String instruction,
      NodeState from,
      List<String> history,
      int stepsLeft,
      long seed,
      String judge) {}

  /** An irreversible command for the live site, under its idempotency key. */
  record Commit(
      String environment,
      String episodeId,
      int taskId,
      NodeState from,
      List<String> history,
      String command,
      NodeState chosen,
      String idempotencyKey,
      boolean screens) {}

  /** Asks the live site what it holds under a key; {@code chosen} is what the search chose. */
  record Lookup(
      String environment,
      String episodeId,
      int taskId,
      String idempotencyKey,
      NodeState chosen,
      boolean screens) {}

  /**
   * A failed episode's committed commands, executed again from the start page in its sandbox
   * session (as {@code agentq replay} does) with a Playwright trace on.
   */
  record Trace(String environment, String episodeId, int taskId, List<String> commands) {}

  /** Opens the episode's sandbox and live sessions; returns the instruction and start page. */
  SearchSteps.Start open(Open request);

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

  /**
   * Records the trace and keeps it in the store ({@code episodes/{id}/trace.zip}); returns its key,
   * or null when the driver has no browser to trace (HTTP).
   */
  String trace(Trace request);
}
