package io.agentq.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed in a search tree since its last checkpoint: the tree's header (root, committed path,
 * counters, irreversible actions) and only the nodes added or updated since then. A checkpoint
 * sends a delta, never the whole tree; the store assembles the tree by applying deltas in order.
 */
public record TreeDelta(
    String episodeId,
    String instruction,
    SearchConfig config,
    int rootId,
    List<Integer> committed,
    int iterations,
    int iterationsAtRoot,
    int interactions,
    List<IrreversibleAction> irreversible,
    List<TreeSnapshot.Node> nodes) {
  public TreeDelta {
    committed = List.copyOf(committed);
    irreversible = List.copyOf(irreversible);
    nodes = List.copyOf(nodes);
  }

  /** The tree after this delta: {@code base} (null for none) with these nodes put over it. */
  public TreeSnapshot applyTo(TreeSnapshot base) {
    Map<Integer, TreeSnapshot.Node> byId = new TreeMap<>();
    if (base != null) {
      base.nodes().forEach(n -> byId.put(n.id(), n));
    }
    nodes.forEach(n -> byId.put(n.id(), n));
    List<TreeSnapshot.Node> all = new ArrayList<>(byId.values());
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id() != i) {
        throw new IllegalStateException(
            "checkpoint of episode " + episodeId + " misses node " + i + ": a delta is lost");
      }
    }
    return header().withNodes(all);
  }

  /** The tree's header as a snapshot without nodes. */
  private TreeSnapshot header() {
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
        List.of());
  }

  /** This delta cut into parts of at most {@code maxNodes} nodes each, in node order. */
  public List<TreeDelta> split(int maxNodes) {
    if (nodes.size() <= maxNodes) {
      return List.of(this);
    }
    List<TreeDelta> parts = new ArrayList<>();
    for (int from = 0; from < nodes.size(); from += maxNodes) {
      parts.add(withNodes(nodes.subList(from, Math.min(nodes.size(), from + maxNodes))));
    }
    return parts;
  }

  private TreeDelta withNodes(List<TreeSnapshot.Node> some) {
    return of(header().withNodes(some));
  }

  /** The whole tree as one delta: the base of a new chain. */
  public static TreeDelta of(TreeSnapshot s) {
    return new TreeDelta(
        s.episodeId(),
        s.instruction(),
        s.config(),
        s.rootId(),
        s.committed(),
        s.iterations(),
        s.iterationsAtRoot(),
        s.interactions(),
        s.irreversible(),
        s.nodes());
  }
}
