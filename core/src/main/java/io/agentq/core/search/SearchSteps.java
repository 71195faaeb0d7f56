package io.agentq.core.search;

import java.util.List;

/**
 * The side-effecting steps the search needs, each one durable activity in the workflow, or a direct
 * call in the plain in-process loop. Histories are the commands from the original root.
 */
public interface SearchSteps {
  /** The task's instruction and its start page. */
  record Start(String instruction, NodeState root) {}

  /** A simulation's outcome: the terminal score (0 when the step limit came first). */
  record Rollout(double score, boolean terminal, int steps) {}

  Start open();

  /** K composite actions from the current policy at this page. */
  List<Proposal> propose(NodeState at, List<String> history, int k, long seed);

  /** The frozen base model's ranking of the proposals, best first (proposal indices). */
  List<Integer> critique(NodeState at, List<String> history, List<Proposal> proposals);

  /** Executes a command from a page in the search's sandbox; irreversible actions are simulated. */
  NodeState execute(NodeState from, List<String> history, String command);

  /** Rolls the current policy out from a page to a terminal page or {@code stepsLeft} steps. */
  Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed);

  /**
   * Really executes an irreversible command of the committed path on the live site, at most once:
   * {@code idempotencyKey} is derived from (episode, node, action), and the live site's ledger is
   * read first, so a retry or a resume reads the outcome instead of acting again.
   */
  NodeState commit(NodeState from, List<String> history, String command, String idempotencyKey);

  void checkpoint(TreeSnapshot tree);

  /** Whether to stop after this committed step and continue in a fresh run (continue-as-new). */
  boolean shouldPause();
}
