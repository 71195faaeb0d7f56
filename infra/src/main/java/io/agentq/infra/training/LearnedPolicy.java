package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import io.agentq.core.training.Decision;
import io.agentq.infra.policy.ActionTexts;
import io.agentq.infra.policy.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The learnable policy: log pi(a | h) = s(h, a) - logsumexp over the page's candidates of s, with s
 * the {@link PolicyNetwork}. A proposal set of K is K distinct candidates sampled without
 * replacement (Gumbel top-K on s / temperature; temperature 0 takes the K best). The log-likelihood
 * recorded with every proposal is at temperature 1 over the whole candidate set, so that it is
 * comparable across policies and is the reference of off-policy DPO.
 */
public final class LearnedPolicy implements Policy {
  private final String name;
  private final PolicyNetwork network;
  private final PolicyFeatures features;
  private final double temperature;

  public LearnedPolicy(
      String name, PolicyNetwork network, PolicyFeatures features, double temperature) {
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    this.name = name;
    this.network = network;
    this.features = features;
    this.temperature = temperature;
  }

  @Override
  public String name() {
    return name;
  }

  public PolicyNetwork network() {
    return network;
  }

  public PolicyFeatures features() {
    return features;
  }

  public double temperature() {
    return temperature;
  }

  public LearnedPolicy withTemperature(double t) {
    return new LearnedPolicy(name, network, features, t);
  }

  /** The page's candidates, their scores and log-probabilities (temperature 1), page order. */
  public record Scored(List<Candidate> candidates, double[] scores, double[] logProbabilities) {
    public Optional<Integer> indexOf(Action action) {
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.get(i).action().equals(action)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }
  }

  public Scored score(AgentState state) {
    PolicyFeatures.Page page = features.of(state);
    double[] s = network.scores(page.rows());
    return new Scored(page.candidates(), s, logSoftmax(s));
  }

  static double[] logSoftmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double z = 0;
    for (double v : s) {
      z += Math.exp(v - max);
    }
    double logZ = max + Math.log(z);
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] - logZ;
    }
    return out;
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    Scored scored = score(state);
    int n = scored.candidates().size();
    double[] keys = new double[n];
    for (int i = 0; i < n; i++) {
      // Gumbel noise is drawn for every candidate in page order, so a seed fixes the sample.
      double u = Math.max(1e-300, random.nextDouble());
      double gumbel = -Math.log(-Math.log(u));
      keys[i] = temperature == 0 ? scored.scores()[i] : scored.scores()[i] / temperature + gumbel;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(
        (a, b) ->
            a.equals(b)
                ? 0
                : keys[b] != keys[a] ? Double.compare(keys[b], keys[a]) : Integer.compare(a, b));
    List<CompositeAction> out = new ArrayList<>();
    for (int r = 0; r < Math.min(k, n); r++) {
      int i = order.get(r);
      out.add(
          ActionTexts.compose(
              state, scored.candidates().get(i), scored.scores()[i], scored.logProbabilities()[i]));
    }
    return out;
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    Scored scored = score(state);
    return scored
        .indexOf(canonical(state, action))
        .map(i -> scored.logProbabilities()[i])
        .orElse(Double.NEGATIVE_INFINITY);
  }

  @Override
  public double[] logLikelihoods(AgentState state, List<Action> actions) {
    Scored scored = score(state);
    double[] out = new double[actions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          scored
              .indexOf(canonical(state, actions.get(i)))
              .map(j -> scored.logProbabilities()[j])
              .orElse(Double.NEGATIVE_INFINITY);
    }
    return out;
  }

  /**
   * The decision a trainer reads for taking {@code action} in {@code state}: empty when the action
   * is not among the page's candidates (this policy could never take it).
   */
  public Optional<Decision> decision(AgentState state, Action action) {
    return decision(features, state, action);
  }

  public static Optional<Decision> decision(
      PolicyFeatures features, AgentState state, Action action) {
    PolicyFeatures.Page page = features.of(state);
    Action wanted = canonical(state, action);
    for (int i = 0; i < page.candidates().size(); i++) {
      if (page.candidates().get(i).action().equals(wanted)) {
        return Optional.of(new Decision(page.rows(), i));
      }
    }
    return Optional.empty();
  }

  /** click[label] names the element its label picks; search[q] types q into the page's box. */
  static Action canonical(AgentState state, Action action) {
    if (action instanceof Action.ClickLabel c) {
      return state
          .page()
          .elementLabelled(c.label())
          .<Action>map(e -> new Action.Click(e.id()))
          .orElse(action);
    }
    if (action instanceof Action.Search s) {
      return state.page().elements().stream()
          .filter(e -> e.isTextInput())
          .findFirst()
          .<Action>map(e -> new Action.Type(e.id(), s.query()))
          .orElse(action);
    }
    return action;
  }
}
