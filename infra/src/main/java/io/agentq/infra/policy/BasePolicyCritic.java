package io.agentq.infra.policy;

import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Critic;
import io.agentq.core.Policy;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The critic as Agent Q builds it: the frozen BASE policy ranks the K proposals, here by the
 * likelihood it gives each command (best first; ties keep proposal order).
 */
public final class BasePolicyCritic implements Critic {
  private final Policy base;

  public BasePolicyCritic(Policy base) {
    this.base = base;
  }

  @Override
  public String name() {
    return "frozen-base-ranking(" + base.name() + ")";
  }

  @Override
  public List<Integer> rank(AgentState state, List<CompositeAction> proposals) {
    double[] ll =
        proposals.stream().mapToDouble(p -> base.logLikelihood(state, p.command())).toArray();
    return IntStream.range(0, proposals.size())
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -ll[i]).thenComparing(i -> i))
        .toList();
  }
}
