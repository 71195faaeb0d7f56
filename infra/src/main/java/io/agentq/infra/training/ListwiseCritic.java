package io.agentq.infra.training;

import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Critic;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A learned critic: a {@link PolicyNetwork} over {@link ListwiseFeatures} scores each of a node's K
 * proposals with the others in view, trained on search trees to put first the proposal whose
 * subtree reached success (see {@link CriticTraining}). Frozen once trained, as Agent Q's critic
 * is. Ranks best first; equal scores keep proposal order.
 */
public final class ListwiseCritic implements Critic {
  private final String name;
  private final PolicyNetwork network;
  private final ListwiseFeatures features;

  public ListwiseCritic(String name, PolicyNetwork network, ListwiseFeatures features) {
    this.name = name;
    this.network = network;
    this.features = features;
  }

  /** The network a critic over {@code features} has. */
  public static PolicyNetwork.Architecture architecture(
      ListwiseFeatures features, List<Integer> hidden) {
    return new PolicyNetwork.Architecture(features.layout(), features.width(), hidden);
  }

  @Override
  public String name() {
    return name;
  }

  /** The score of each proposal, proposal order. */
  public double[] scores(AgentState state, List<CompositeAction> proposals) {
    return network.scores(features.rows(state, proposals));
  }

  @Override
  public List<Integer> rank(AgentState state, List<CompositeAction> proposals) {
    if (proposals.isEmpty()) {
      return List.of();
    }
    return ranking(scores(state, proposals));
  }

  /** Indices by score, highest first; equal scores keep index order. */
  static List<Integer> ranking(double[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
        .toList();
  }
}
