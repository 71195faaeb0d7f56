package io.agentq.core.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Agent Q's search tree and its formulas, pure: UCB1 selection over Q_mix (Eq. 7 with Eq. 10),
 * expansion with K critic-ranked proposals, backup of a return along a path (Eq. 8), and node-level
 * preference pairs. Randomness (tie breaks only) comes in as a parameter.
 */
public final class SearchTree {
  /** Below this, two Q_mix values are taken as equal: rounding, not a preference. */
  static final double GAP_TOLERANCE = 1e-12;

  private final String episodeId;
  private final String instruction;
  private final SearchConfig config;
  private final List<TreeNode> nodes = new ArrayList<>();
  private final List<Integer> committed = new ArrayList<>();
  private final List<IrreversibleAction> irreversible = new ArrayList<>();

  /** Nodes added or changed since the last {@link #takeDelta}, in id order. */
  private final java.util.TreeSet<Integer> changed = new java.util.TreeSet<>();

  private int rootId;
  private int iterations;
  private int iterationsAtRoot;
  private int interactions;

  public SearchTree(String episodeId, String instruction, SearchConfig config, NodeState root) {
    this.episodeId = episodeId;
    this.instruction = instruction;
    this.config = config;
    TreeNode r = new TreeNode(0, -1, 0, null, 0);
    r.state = root;
    nodes.add(r);
    committed.add(0);
    changed.add(0);
  }

  // ---- the formulas --------------------------------------------------------------------------

  /** Eq. 7: Q + c * sqrt(ln N(h) / (1 + N(h, a))); ln N(h) is taken as 0 while N(h) is 0. */
  public static double ucb(double q, int parentVisits, int edgeVisits, double c) {
    double lnN = parentVisits > 0 ? Math.log(parentVisits) : 0;
    return q + c * Math.sqrt(lnN / (1 + edgeVisits));
  }

  /** Eq. 10: alpha * Q_mcts + (1 - alpha) * Q_hat. */
  public static double mix(double qMcts, double qCritic, double alpha) {
    return alpha * qMcts + (1 - alpha) * qCritic;
  }

  /**
   * The critic's value of the proposal it ranked {@code rank} (0 = best) of K: (K-1-rank)/(K-1).
   */
  public static double criticValue(int rank, int k) {
    return k <= 1 ? 1.0 : (double) (k - 1 - rank) / (k - 1);
  }

  /** Eq. 8: the running mean after one more return R. */
  public static double runningMean(double q, int n, double r) {
    return (q * n + r) / (n + 1);
  }

  // ---- the search ------------------------------------------------------------------------------

  public double qMix(TreeNode child) {
    return mix(child.edgeValue, child.criticValue, config.alpha());
  }

  /**
   * From the root, follow UCB1 over Q_mix while the node is expanded and not terminal; stop at an
   * unexpanded node, a terminal node, or a child whose action was never executed.
   */
  public List<Integer> selectPath(RandomGenerator random) {
    List<Integer> path = new ArrayList<>();
    TreeNode at = node(rootId);
    path.add(at.id);
    while (at.executed() && at.expanded && !at.terminal() && !at.children.isEmpty()) {
      at = node(bestChild(at, random));
      path.add(at.id);
    }
    return path;
  }

  /** argmax over the children of UCB1 on Q_mix; ties broken uniformly by {@code random}. */
  public int bestChild(TreeNode parent, RandomGenerator random) {
    double best = Double.NEGATIVE_INFINITY;
    List<Integer> ties = new ArrayList<>();
    for (int c : parent.children) {
      TreeNode child = node(c);
      double u = ucb(qMix(child), parent.visits, child.edgeVisits, config.exploration());
      if (u > best + 1e-12) {
        best = u;
        ties.clear();
        ties.add(c);
      } else if (Math.abs(u - best) <= 1e-12) {
        ties.add(c);
      }
    }
    return ties.size() == 1 ? ties.get(0) : ties.get(random.nextInt(ties.size()));
  }

  /**
   * Adds one child per proposal; {@code ranking} lists proposal indices best first and sets each
   * child's critic value. Returns the new children's ids, in proposal order.
   */
  public List<Integer> expand(int nodeId, List<Proposal> proposals, List<Integer> ranking) {
    TreeNode parent = node(nodeId);
    if (parent.expanded) {
      throw new IllegalStateException("node " + nodeId + " is already expanded");
    }
    int k = proposals.size();
    double[] critic = new double[k];
    for (int r = 0; r < ranking.size(); r++) {
      critic[ranking.get(r)] = criticValue(r, k);
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      TreeNode child =
          new TreeNode(nodes.size(), nodeId, parent.depth + 1, proposals.get(i), critic[i]);
      nodes.add(child);
      parent.children.add(child.id);
      ids.add(child.id);
      changed.add(child.id);
    }
    parent.expanded = true;
    changed.add(nodeId);
    return ids;
  }

  /** Records what executing a child's action produced. */
  public void setState(int nodeId, NodeState state) {
    node(nodeId).state = state;
    changed.add(nodeId);
  }

  /** Eq. 8 along the path: every edge gets the return R; every node's N(h) grows by one. */
  public void backup(List<Integer> path, double value) {
    for (int i = 0; i < path.size(); i++) {
      TreeNode n = node(path.get(i));
      changed.add(n.id);
      n.visits++;
      if (i > 0) {
        n.edgeValue = runningMean(n.edgeValue, n.edgeVisits, value);
        n.edgeVisits++;
      }
    }
    iterations++;
    iterationsAtRoot++;
  }

  /**
   * Counts environment steps the search spent: a sandbox step, a rollout's steps, a live commit.
   */
  public void countInteractions(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException(
          "episode " + episodeId + ": " + steps + " environment steps reported; must be 0 or more");
    }
    interactions += steps;
  }

  /** The child to commit at the root: most visited, then highest Q_mix, then lowest id. */
  public int chooseRootAction() {
    TreeNode root = node(rootId);
    return root.children.stream()
        .map(this::node)
        .filter(TreeNode::executed)
        .max(
            (a, b) -> {
              int byVisits = Integer.compare(a.edgeVisits, b.edgeVisits);
              if (byVisits != 0) {
                return byVisits;
              }
              int byValue = Double.compare(qMix(a), qMix(b));
              return byValue != 0 ? byValue : Integer.compare(b.id, a.id);
            })
        .map(n -> n.id)
        .orElse(-1);
  }

  /** Moves the root to {@code childId} (a child of the root), extending the committed path. */
  public void commit(int childId) {
    if (node(childId).parent != rootId) {
      throw new IllegalArgumentException(
          "node " + childId + " is not a child of the root " + rootId);
    }
    rootId = childId;
    committed.add(childId);
    iterationsAtRoot = 0;
  }

  /**
   * Replaces a committed node's state with what really happened on the live site, and records the
   * irreversible action.
   */
  public void setCommittedOutcome(int nodeId, NodeState real, IrreversibleAction action) {
    node(nodeId).state = real;
    changed.add(nodeId);
    irreversible.add(action);
  }

  /** The irreversible actions of the committed path so far, in order. */
  public List<IrreversibleAction> irreversible() {
    return List.copyOf(irreversible);
  }

  /** What changed since the last call (or since the tree was made or restored), then forgets it. */
  public TreeDelta takeDelta() {
    List<TreeSnapshot.Node> out = new ArrayList<>();
    for (int id : changed) {
      out.add(plain(node(id)));
    }
    changed.clear();
    return TreeDelta.of(snapshotWith(out));
  }

  /**
   * Every pair of explored children (a_w, a_l) of every expanded node with Q_mix(a_w) - Q_mix(a_l)
   * >= theta and > 0, in node order then child order. The gap must be positive (beyond rounding) as
   * well, so that theta = 0 never makes two opposite pairs of equally valued siblings.
   */
  public List<PreferencePair> preferencePairs() {
    List<PreferencePair> pairs = new ArrayList<>();
    for (TreeNode n : nodes) {
      if (!n.expanded) {
        continue;
      }
      List<TreeNode> explored =
          n.children.stream().map(this::node).filter(c -> c.edgeVisits > 0).toList();
      for (TreeNode w : explored) {
        for (TreeNode l : explored) {
          double gap = qMix(w) - qMix(l);
          if (gap >= config.pairThreshold() - GAP_TOLERANCE && gap > GAP_TOLERANCE) {
            pairs.add(pair(n, w, l));
          }
        }
      }
    }
    return pairs;
  }

  private PreferencePair pair(TreeNode at, TreeNode w, TreeNode l) {
    double alpha = config.alpha();
    return new PreferencePair(
        episodeId,
        at.id,
        instruction,
        at.state.observationKey(),
        history(at.id),
        w.id,
        l.id,
        w.proposal,
        l.proposal,
        alpha,
        qMix(w),
        qMix(l),
        w.edgeValue,
        l.edgeValue,
        w.criticValue,
        l.criticValue,
        alpha * (w.edgeValue - l.edgeValue),
        (1 - alpha) * (w.criticValue - l.criticValue),
        w.edgeVisits,
        l.edgeVisits);
  }

  /** The commands on the path from the original root to {@code nodeId}. */
  public List<String> history(int nodeId) {
    List<String> h = new ArrayList<>();
    for (TreeNode n = node(nodeId); n.parent >= 0; n = node(n.parent)) {
      h.add(n.proposal.command());
    }
    Collections.reverse(h);
    return h;
  }

  public TreeNode node(int id) {
    return nodes.get(id);
  }

  public TreeNode root() {
    return node(rootId);
  }

  public List<Integer> committed() {
    return List.copyOf(committed);
  }

  public int size() {
    return nodes.size();
  }

  /** Nodes whose K children were proposed: MCTS expansions. */
  public int expandedCount() {
    return (int) nodes.stream().filter(n -> n.expanded).count();
  }

  public int iterations() {
    return iterations;
  }

  public int iterationsAtRoot() {
    return iterationsAtRoot;
  }

  /**
   * Environment steps the episode's search spent, from its start (across resumed runs): sandbox
   * steps, rollout steps and live commits.
   */
  public int interactions() {
    return interactions;
  }

  public SearchConfig config() {
    return config;
  }

  public String episodeId() {
    return episodeId;
  }

  public String instruction() {
    return instruction;
  }

  // ---- plain data ------------------------------------------------------------------------------

  public TreeSnapshot snapshot() {
    List<TreeSnapshot.Node> out = new ArrayList<>();
    for (TreeNode n : nodes) {
      out.add(plain(n));
    }
    return snapshotWith(out);
  }

  private TreeSnapshot snapshotWith(List<TreeSnapshot.Node> some) {
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

  private static TreeSnapshot.Node plain(TreeNode n) {
    return new TreeSnapshot.Node(
        n.id,
        n.parent,
        n.depth,
        n.proposal,
        n.criticValue,
        n.children,
        n.state,
        n.visits,
        n.edgeVisits,
        n.edgeValue,
        n.expanded);
  }

  public static SearchTree restore(TreeSnapshot s) {
    SearchTree t =
        new SearchTree(s.episodeId(), s.instruction(), s.config(), s.nodes().get(0).state());
    t.nodes.clear();
    for (TreeSnapshot.Node n : s.nodes()) {
      TreeNode node = new TreeNode(n.id(), n.parent(), n.depth(), n.proposal(), n.criticValue());
      node.children.addAll(n.children());
      node.state = n.state();
      node.visits = n.visits();
      node.edgeVisits = n.edgeVisits();
      node.edgeValue = n.edgeValue();
      node.expanded = n.expanded();
      t.nodes.add(node);
    }
    t.committed.clear();
    t.committed.addAll(s.committed());
    t.irreversible.addAll(s.irreversible());
    t.rootId = s.rootId();
    t.iterations = s.iterations();
    t.iterationsAtRoot = s.iterationsAtRoot();
    t.interactions = s.interactions();
    t.changed.clear();
    return t;
  }
}
