package io.agentq.core.search;

import java.util.List;

/**
 * A search tree as plain data: what is checkpointed, carried across continue-as-new (by key) and
 * written as {@code tree.json}.
 *
 * @param rootId the current root: the node the committed path has reached
 * @param committed node ids of the committed path, from the original root
 * @param iterations iterations run in the whole episode
 * @param iterationsAtRoot iterations run since the current root was committed
 * @param interactions environment steps spent in the whole episode (sandbox steps, rollout steps,
 *     live commits); 0 in a snapshot written before it was counted
 * @param irreversible the irreversible actions of the committed path, in order
 */
public record TreeSnapshot(
    String episodeId,
    String instruction,
    SearchConfig config,
    int rootId,
    List<Integer> committed,
    int iterations,
    int iterationsAtRoot,
    int interactions,
    List<IrreversibleAction> irreversible,
    List<Node> nodes) {
  public TreeSnapshot {
    committed = List.copyOf(committed);
    irreversible = irreversible == null ? List.of() : List.copyOf(irreversible);
    nodes = List.copyOf(nodes);
  }

  /** The same tree header with other nodes: a piece of the tree, or the tree read back whole. */
  public TreeSnapshot withNodes(List<Node> some) {
    return new TreeSnapshot(
        episodeId,
        instruction,
        config,
        rootId,
        committed,
        iterations,
        iterationsAtRoot,
        interactions,
        irreversible,
        some);
  }

  /** The same tree under another config (e.g. the pairs' threshold theta changed). */
  public TreeSnapshot withConfig(SearchConfig other) {
    return new TreeSnapshot(
        episodeId,
        instruction,
        other,
        rootId,
        committed,
        iterations,
        iterationsAtRoot,
        interactions,
        irreversible,
        nodes);
  }

  /** One node as plain data. */
  public record Node(
      int id,
      int parent,
      int depth,
      Proposal proposal,
      double criticValue,
      List<Integer> children,
      NodeState state,
      int visits,
      int edgeVisits,
      double edgeValue,
      boolean expanded) {
    public Node {
      children = List.copyOf(children);
    }
  }
}
