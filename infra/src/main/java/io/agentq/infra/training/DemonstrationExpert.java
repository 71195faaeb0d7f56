package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.Product;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.infra.policy.CandidateActions;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The scripted expert as a demonstrator for behaviour cloning: it acts only through actions the
 * learnable policy can take (its search is one of the queries derived from the instruction, the one
 * that shares the most words with the target's title, not the title itself). So it is imperfect on
 * purpose: when that query does not surface the target it fails, and only successful demonstrations
 * are kept. Used on train tasks only.
 */
public final class DemonstrationExpert implements Policy {
  private final ScriptedExpert expert;
  private final Product target;

  public DemonstrationExpert(Goal goal, Product target) {
    this.expert = new ScriptedExpert(goal, target);
    this.target = target;
  }

  @Override
  public String name() {
    return "demonstration-expert";
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    Action a = expert.propose(state, 1, random).get(0).command();
    if (a instanceof Action.Search) {
      a = new Action.Search(bestQuery(state.instruction().text()));
    }
    Action canonical = LearnedPolicy.canonical(state, a);
    return List.of(new CompositeAction("", "expert demonstration", canonical, "", 0.0));
  }

  private String bestQuery(String instruction) {
    Set<String> title = CandidateActions.contentTokens(target.name());
    String best = null;
    long bestCommon = -1;
    for (String q : CandidateActions.queries(instruction)) {
      long common = CandidateActions.contentTokens(q).stream().filter(title::contains).count();
      if (common > bestCommon) {
        best = q;
        bestCommon = common;
      }
    }
    return best;
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    return propose(state, 1, null).get(0).command().equals(action) ? 0 : Double.NEGATIVE_INFINITY;
  }
}
