package io.agentq.core.search;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of the search tree: a history h reached by the command on the edge from its parent. The
 * edge's statistics (N(h, a), Q(h, a), the critic's Q_hat) live on the child; N(h) counts visits of
 * the node itself. A plain mutable record of the search, copied to {@link TreeSnapshot} for
 * storage.
 */
public final class TreeNode {
  final int id;
  final int parent;
  final int depth;
  final Proposal proposal;
  final double criticValue;
  final List<Integer> children = new ArrayList<>();
  NodeState state;
  int visits;
  int edgeVisits;
  double edgeValue;
  boolean expanded;

  TreeNode(int id, int parent, int depth, Proposal proposal, double criticValue) {
    this.id = id;
    this.parent = parent;
    this.depth = depth;
    this.proposal = proposal;
    this.criticValue = criticValue;
  }

  public int id() {
    return id;
  }

  public int parent() {
    return parent;
  }

  public int depth() {
    return depth;
  }

  /** The proposal on the edge into this node; null at the original root. */
  public Proposal proposal() {
    return proposal;
  }

  public double criticValue() {
    return criticValue;
  }

  public List<Integer> children() {
    return List.copyOf(children);
  }

  /** The page this node stands on; null until the edge's action was executed. */
  public NodeState state() {
    return state;
  }

  public boolean executed() {
    return state != null;
  }

  public boolean expanded() {
    return expanded;
  }

  public boolean terminal() {
    return state != null && state.terminal();
  }

  /** N(h) */
  public int visits() {
    return visits;
  }

  /** N(parent, a) */
  public int edgeVisits() {
    return edgeVisits;
  }

  /** Q(parent, a): the mean return backed up through this edge. */
  public double edgeValue() {
    return edgeValue;
  }
}
