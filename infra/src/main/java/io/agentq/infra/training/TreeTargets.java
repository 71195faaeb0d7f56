package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.Instruction;
import io.agentq.core.Policy;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeNode;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.Decision;
import io.agentq.core.training.SearchTarget;
import io.agentq.core.training.SoftDecision;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.policy.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a searched tree teaches the policy beyond its pairs:
 *
 * <ul>
 *   <li><b>soft targets</b>: at every expanded node, Gumbel MuZero's completed-Q target ({@link
 *       SearchTarget}) over the page's WHOLE candidate set, with the prior of the behaviour policy
 *       that built the tree (its log-likelihoods at temperature 1, the same it stored with the
 *       proposals), the visits and mean returns of the explored children; a candidate never
 *       proposed or never visited keeps its prior. A node whose visited children all have the same
 *       value gives back the prior (a tie pushes nothing) and is left out, counted;
 *   <li><b>the committed path</b> of a successful episode: its decisions, to imitate.
 * </ul>
 */
public final class TreeTargets {
  /** The soft targets of some trees and the nodes that gave none. */
  public record Made(List<SoftDecision> targets, int expanded, int ties, int unmatched) {
    public Made {
      targets = List.copyOf(targets);
    }
  }

  private final ObservationStore observations;
  private final PolicyFeatures features;
  private final SearchTarget target;

  public TreeTargets(ObservationStore observations, PolicyFeatures features, SearchTarget target) {
    this.observations = observations;
    this.features = features;
    this.target = target;
  }

  /** The page of node {@code id} as an agent saw it: the instruction, the path to it, the page. */
  AgentState state(SearchTree tree, TreeNode node) {
    return new AgentState(
        new Instruction(tree.instruction()),
        tree.history(node.id()).stream().map(ActionParser::parse).toList(),
        observations.get(node.state().observationKey()));
  }

  /** The soft targets of one tree, built by {@code behaviour}. */
  public Made of(TreeSnapshot snapshot, Policy behaviour) {
    SearchTree tree = SearchTree.restore(snapshot);
    List<SoftDecision> out = new ArrayList<>();
    int expanded = 0;
    int ties = 0;
    int unmatched = 0;
    for (TreeSnapshot.Node n : snapshot.nodes()) {
      TreeNode node = tree.node(n.id());
      if (!node.expanded() || node.state() == null || node.terminal()) {
        continue;
      }
      expanded++;
      AgentState state = state(tree, node);
      PolicyFeatures.Page page = features.of(state);
      List<Action> actions = page.candidates().stream().map(Candidate::action).toList();
      int[] visits = new int[actions.size()];
      double[] returns = new double[actions.size()];
      boolean visited = false;
      for (int c : node.children()) {
        TreeNode child = tree.node(c);
        if (child.edgeVisits() == 0) {
          continue;
        }
        Action a = LearnedPolicy.canonical(state, ActionParser.parse(child.proposal().command()));
        int i = actions.indexOf(a);
        if (i < 0) {
          unmatched++;
          continue;
        }
        // two proposals of one command (never, with distinct sampling) pool their returns
        returns[i] =
            (returns[i] * visits[i] + child.edgeValue() * child.edgeVisits())
                / (visits[i] + child.edgeVisits());
        visits[i] += child.edgeVisits();
        visited = true;
      }
      if (!visited) {
        continue;
      }
      boolean tie = true;
      for (double s : target.sigma(visits, returns)) {
        tie &= s == 0;
      }
      if (tie) {
        ties++;
        continue;
      }
      double[] prior = behaviour.logLikelihoods(state, actions);
      boolean finite = true;
      for (double p : prior) {
        finite &= Double.isFinite(p);
      }
      if (!finite) {
        unmatched++;
        continue;
      }
      out.add(new SoftDecision(page.rows(), target.completedQPolicy(prior, visits, returns)));
    }
    return new Made(out, expanded, ties, unmatched);
  }

  /**
   * The decisions of a successful episode's committed path (empty when it did not succeed): the
   * search's own choices, to imitate.
   */
  public List<Decision> committedPath(TreeSnapshot snapshot) {
    SearchTree tree = SearchTree.restore(snapshot);
    TreeNode end = tree.root();
    if (!end.terminal() || end.state().reward() != 1.0) {
      return List.of();
    }
    List<Decision> out = new ArrayList<>();
    List<Integer> path = tree.committed();
    for (int i = 1; i < path.size(); i++) {
      TreeNode child = tree.node(path.get(i));
      AgentState state = state(tree, tree.node(child.parent()));
      Optional<Decision> d =
          LearnedPolicy.decision(features, state, ActionParser.parse(child.proposal().command()));
      d.ifPresent(out::add);
    }
    return out;
  }
}
