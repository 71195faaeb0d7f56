package io.agentq.infra.judge;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.PageElement;
import io.agentq.core.Policy;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A policy that follows another (an expert) but, at each step with probability {@code rate}, clicks
 * a uniformly drawn element of the page instead (or goes back, when the page has none): a wrong
 * product, a wrong option, buying before every option is chosen. Its episodes are near misses as
 * often as successes, the hard cases a judge must tell apart. The deviations come from the
 * episode's own random generator, so a seed fixes them.
 */
public final class DeviatingPolicy implements Policy {
  private final Policy expert;
  private final double rate;

  public DeviatingPolicy(Policy expert, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("deviation rate must be in [0, 1], got " + rate);
    }
    this.expert = expert;
    this.rate = rate;
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    if (random.nextDouble() >= rate) {
      return expert.propose(state, k, random);
    }
    List<PageElement> clickable =
        state.page().elements().stream().filter(e -> !e.isTextInput()).toList();
    Action a =
        clickable.isEmpty()
            ? new Action.Back()
            : new Action.Click(clickable.get(random.nextInt(clickable.size())).id());
    return List.of(new CompositeAction("", "", a, "", Math.log(rate)));
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    return expert.logLikelihood(state, action);
  }

  @Override
  public String name() {
    return expert.name() + "-deviating-" + rate;
  }
}
