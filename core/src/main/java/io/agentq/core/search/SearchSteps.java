package io.agentq.core.search;

import java.util.List;

/**
 * The side-effecting steps the search needs, each one durable activity in the workflow, or a direct
 * call in the plain in-process loop. Histories are the commands from the original root. Steps are
 * grouped so that one MCTS iteration costs few round trips: one expansion (proposals and the
 * critic's ranking) and one step (execute, then simulate from the new page).
 */
public interface SearchSteps {
  /** The task's instruction and its start page. */
  record Start(String instruction, NodeState root) {}

  /** A simulation's outcome: the terminal score (0 when the step limit came first). */
  record Rollout(double score, boolean terminal, int steps) {}

  /** K proposals and the critic's ranking of them (proposal indices, best first). */
  record Expansion(List<Proposal> proposals, List<Integer> ranking) {}

  /**
   * What executing an edge produced, and the simulation from there when one was asked for and the
   * page is not terminal (else null).
   */
  record Outcome(NodeState state, Rollout rollout) {}

  /**
   * An irreversible command of the committed path, to be done at most once on the live site.
   *
   * @param from the live page's node state (sandbox URL; the live session is derived from it)
   * @param chosen what the search saw when it executed the command in its sandbox
   * @param key {@link IrreversibleAction#key}: from the episode and the action's ordinal only
   */
  record Commit(
      NodeState from, List<String> history, String command, NodeState chosen, String key) {}

  /**
   * What the live site holds after a commit.
   *
   * @param adopted the site already had an outcome under the key, and it was taken over
   * @param matchesSearch false when that outcome differs from what the search chose
   */
  record Committed(NodeState state, boolean adopted, boolean matchesSearch, String note) {}

  Start open();

  /** K composite actions from the current policy at this page, ranked by the critic. */
  Expansion expand(NodeState at, List<String> history, int k, long seed);

  /**
   * Executes a command from a page in the search's sandbox (irreversible actions are simulated),
   * then, if {@code rolloutSteps > 0} and the new page is not terminal, rolls the current policy
   * out from it for at most that many steps with {@code rolloutSeed}.
   */
  Outcome step(
      NodeState from, List<String> history, String command, int rolloutSteps, long rolloutSeed);

  /** Rolls the current policy out from a page to a terminal page or {@code stepsLeft} steps. */
  Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed);

  /**
   * Really executes an irreversible command of the committed path on the live site, at most once:
   * the site is asked by key before acting and after any failure, and an outcome it already holds
   * is adopted instead of acting again.
   */
  Committed commit(Commit commit);

  /** Stores what changed in the tree since the last checkpoint. */
  void checkpoint(TreeDelta changes);

  /** Whether to stop after this committed step and continue in a fresh run (continue-as-new). */
  boolean shouldPause();
}
