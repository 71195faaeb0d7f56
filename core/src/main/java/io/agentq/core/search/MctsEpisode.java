package io.agentq.core.search;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One episode of Agent Q's guided MCTS (Algorithm 1): before each real step, {@code
 * iterationsPerStep} iterations of select, expand (K proposals, critic ranking), execute, simulate
 * and backup; then the root's most visited action is committed. Counts in the tree every
 * environment step the steps report spending (sandbox steps, rollout steps, live commits).
 * Deterministic given the config's seed and the steps' answers, so it runs unchanged inside
 * workflow code.
 */
public final class MctsEpisode {
  private final String episodeId;
  private final SearchConfig config;
  private final SearchSteps steps;
  private final List<Proposal> forced;

  /** The tree being searched, once {@link #run} has one: read between steps by a progress query. */
  private SearchTree tree;

  /** Where the episode stands when {@link #run} returns. */
  public record Result(SearchTree tree, boolean paused) {}

  public MctsEpisode(String episodeId, SearchConfig config, SearchSteps steps) {
    this(episodeId, config, steps, List.of());
  }

  /**
   * An episode whose first real steps are {@code forced} (a fork: another episode's committed
   * prefix), each executed and committed without search; the search goes on from there.
   */
  public MctsEpisode(
      String episodeId, SearchConfig config, SearchSteps steps, List<Proposal> forced) {
    this.episodeId = episodeId;
    this.config = config;
    this.steps = steps;
    this.forced = List.copyOf(forced);
  }

  /** Runs from the start, or from {@code resume} (a checkpoint), until done or paused. */
  public Result run(TreeSnapshot resume) {
    if (resume == null) {
      SearchSteps.Start start = steps.open();
      tree = new SearchTree(episodeId, start.instruction(), config, start.root());
    } else {
      tree = SearchTree.restore(resume);
    }
    while (!tree.root().terminal() && tree.root().depth() < forced.size()) {
      commitForced(tree, forced.get(tree.root().depth()));
    }
    while (!tree.root().terminal() && tree.root().depth() < config.maxDepth()) {
      while (tree.iterationsAtRoot() < config.iterationsPerStep()) {
        iterate(tree);
        if (tree.iterations() % config.checkpointEvery() == 0) {
          steps.checkpoint(tree.takeDelta());
        }
      }
      int child = tree.chooseRootAction();
      if (child < 0) {
        break;
      }
      TreeNode chosen = tree.node(child);
      if (chosen.state().irreversible()) {
        commitIrreversible(tree, chosen);
        tree.commit(child);
        // At once: no resumed run may act again before it knows this outcome.
        steps.checkpoint(tree.takeDelta());
      } else {
        tree.commit(child);
      }
      if (!tree.root().terminal() && steps.shouldPause()) {
        steps.checkpoint(tree.takeDelta());
        return new Result(tree, true);
      }
    }
    // The last checkpoint holds the finished tree: the episode's artifacts are written from it.
    steps.checkpoint(tree.takeDelta());
    return new Result(tree, false);
  }

  /** What the episode has done so far (null before {@link #run} has a tree). */
  public EpisodeSummary soFar() {
    return tree == null ? null : EpisodeSummary.of(tree);
  }

  /** Iterations done at the real step being searched (0 before {@link #run} has a tree). */
  public int iterationsAtStep() {
    return tree == null ? 0 : tree.iterationsAtRoot();
  }

  /**
   * A forced step: the root gets the one proposal, which is executed (no rollout) and committed as
   * a searched step would be (an irreversible one through {@link #commitIrreversible}).
   */
  private void commitForced(SearchTree tree, Proposal p) {
    TreeNode root = tree.root();
    int child = tree.expand(root.id(), List.of(p), List.of(0)).get(0);
    SearchSteps.Outcome o =
        steps.step(
            root.state(), tree.history(root.id()), p.command(), 0, rolloutSeed(tree.node(child)));
    tree.countInteractions(1 + (o.rollout() == null ? 0 : o.rollout().steps()));
    tree.setState(child, o.state());
    TreeNode chosen = tree.node(child);
    if (chosen.state().irreversible()) {
      commitIrreversible(tree, chosen);
    }
    tree.commit(child);
    steps.checkpoint(tree.takeDelta());
  }

  /**
   * Does the chosen irreversible action on the live site under a key from the episode and the
   * action's ordinal (never from the tree, whose shape a resumed search may change).
   */
  private void commitIrreversible(SearchTree tree, TreeNode chosen) {
    TreeNode root = tree.root();
    int ordinal = tree.irreversible().size() + 1;
    String key = IrreversibleAction.key(episodeId, ordinal);
    String command = chosen.proposal().command();
    SearchSteps.Committed done =
        steps.commit(
            new SearchSteps.Commit(
                root.state(), tree.history(root.id()), command, chosen.state(), key));
    tree.countInteractions(1);
    tree.setCommittedOutcome(
        chosen.id(),
        done.state(),
        new IrreversibleAction(
            ordinal, key, chosen.id(), command, done.adopted(), done.matchesSearch(), done.note()));
    steps.checkpoint(tree.takeDelta());
  }

  private void iterate(SearchTree tree) {
    SplittableRandom random = new SplittableRandom(mix(config.seed(), tree.iterations(), 0));
    List<Integer> path = new java.util.ArrayList<>(tree.selectPath(random));
    TreeNode leaf = tree.node(path.get(path.size() - 1));
    if (!leaf.executed()) {
      tree.backup(path, executeAndEvaluate(tree, leaf));
      return;
    }
    if (!leaf.terminal() && leaf.depth() < config.maxDepth() && !leaf.expanded()) {
      NodeState at = leaf.state();
      SearchSteps.Expansion e =
          steps.expand(
              at, tree.history(leaf.id()), config.branching(), mix(config.seed(), leaf.id(), 1));
      if (!e.proposals().isEmpty()) {
        tree.expand(leaf.id(), e.proposals(), e.ranking());
        leaf = tree.node(tree.bestChild(leaf, random));
        path.add(leaf.id());
        tree.backup(path, executeAndEvaluate(tree, leaf));
        return;
      }
    }
    tree.backup(path, evaluate(tree, leaf));
  }

  /** Executes a child's action and simulates from the page it reached, in one step. */
  private double executeAndEvaluate(SearchTree tree, TreeNode child) {
    TreeNode parent = tree.node(child.parent());
    int stepsLeft = config.maxDepth() - child.depth();
    SearchSteps.Outcome o =
        steps.step(
            parent.state(),
            tree.history(parent.id()),
            child.proposal().command(),
            stepsLeft,
            rolloutSeed(child));
    tree.countInteractions(1 + (o.rollout() == null ? 0 : o.rollout().steps()));
    tree.setState(child.id(), o.state());
    if (o.state().terminal()) {
      return value(o.state().reward());
    }
    if (stepsLeft <= 0 || o.rollout() == null) {
      return 0;
    }
    return o.rollout().terminal() ? value(o.rollout().score()) : 0;
  }

  private double evaluate(SearchTree tree, TreeNode leaf) {
    if (leaf.terminal()) {
      return value(leaf.state().reward());
    }
    if (leaf.depth() >= config.maxDepth()) {
      return 0;
    }
    SearchSteps.Rollout r =
        steps.rollout(
            leaf.state(),
            tree.history(leaf.id()),
            config.maxDepth() - leaf.depth(),
            rolloutSeed(leaf));
    tree.countInteractions(r.steps());
    return r.terminal() ? value(r.score()) : 0;
  }

  private long rolloutSeed(TreeNode leaf) {
    return mix(config.seed(), leaf.id(), leaf.visits() + 2L);
  }

  private double value(double score) {
    return switch (config.rolloutValue()) {
      case SCORE -> score;
      case SUCCESS -> score == 1.0 ? 1 : 0;
    };
  }

  /** SplitMix64-style mixing of a seed with two integers. */
  static long mix(long seed, long a, long b) {
    long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
