package io.agentq.infra.policy;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The built-in zero-shot policy: no training, no LLM. It scores every candidate action of the page
 * as a fixed linear function of its features (semantic similarity to the instruction by a frozen
 * pretrained sentence encoder, lexical overlap with the instruction, and a few generic web cues:
 * commit buttons, navigation, already-selected choices, repeats) and samples from the softmax of
 * the scores at temperature {@code temperature}. Its composite action's thought and explanation are
 * deterministic given the command, so the command's probability is the composite's likelihood.
 */
public final class ZeroShotPolicy implements Policy {
  /** Hand-set weights of the features of {@link CandidateActions}, in index order. */
  static final double[] WEIGHTS = {
    3.0, // semantic similarity to the instruction
    2.0, // share of the label's words that the instruction uses
    2.0, // share of the instruction's words that the label uses
    2.5, // typing a query into a text box
    0.5, // a commit button (buy, checkout...)
    3.0, // ... times how many of the mentioned choices are selected
    0.3, // navigation links (back, prev, next)
    -3.0, // the element is already selected
    -2.0, // the same action was already taken in this episode
    -1.5 // back or scroll
  };

  private final CandidateActions candidates;
  private final double temperature;

  public ZeroShotPolicy(SentenceEncoder encoder, double temperature) {
    this.candidates = new CandidateActions(encoder);
    this.temperature = temperature;
  }

  /** The default zero-shot policy of the shop: MiniLM, temperature 0.5. */
  public static ZeroShotPolicy withDefaults() {
    return new ZeroShotPolicy(MiniLmEncoder.shared(), 0.5);
  }

  @Override
  public String name() {
    return "zero-shot-minilm-lexical";
  }

  /** Scored candidates with their log-probabilities, best first. */
  public List<Scored> score(AgentState state) {
    List<Candidate> all = candidates.of(state);
    double[] logits = new double[all.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < all.size(); i++) {
      double s = 0;
      double[] f = all.get(i).features();
      for (int j = 0; j < WEIGHTS.length; j++) {
        s += WEIGHTS[j] * f[j];
      }
      logits[i] = s / temperature;
      max = Math.max(max, logits[i]);
    }
    double z = 0;
    for (double l : logits) {
      z += Math.exp(l - max);
    }
    double logZ = max + Math.log(z);
    List<Scored> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      out.add(new Scored(all.get(i), logits[i] * temperature, logits[i] - logZ));
    }
    out.sort(Comparator.comparingDouble(Scored::logProbability).reversed());
    return out;
  }

  /** A candidate with its raw score and its log-probability under the policy. */
  public record Scored(Candidate candidate, double score, double logProbability) {}

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    List<Scored> scored = score(state);
    // Gumbel top-k: k distinct samples without replacement from the softmax.
    List<double[]> keys = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      double u = Math.max(1e-300, random.nextDouble());
      keys.add(new double[] {scored.get(i).logProbability() - Math.log(-Math.log(u)), i});
    }
    keys.sort((a, b) -> Double.compare(b[0], a[0]));
    List<CompositeAction> out = new ArrayList<>();
    for (int r = 0; r < Math.min(k, keys.size()); r++) {
      Scored s = scored.get((int) keys.get(r)[1]);
      out.add(compose(state, s));
    }
    return out;
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    Action wanted = canonical(state, action);
    return score(state).stream()
        .filter(s -> s.candidate().action().equals(wanted))
        .mapToDouble(Scored::logProbability)
        .findFirst()
        .orElse(Double.NEGATIVE_INFINITY);
  }

  @Override
  public double[] logLikelihoods(AgentState state, List<Action> actions) {
    java.util.Map<Action, Double> byAction = new java.util.HashMap<>();
    for (Scored s : score(state)) {
      byAction.put(s.candidate().action(), s.logProbability());
    }
    double[] out = new double[actions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byAction.getOrDefault(canonical(state, actions.get(i)), Double.NEGATIVE_INFINITY);
    }
    return out;
  }

  /** click[label] names the element its label picks; other actions are their own canonical form. */
  private static Action canonical(AgentState state, Action action) {
    if (action instanceof Action.ClickLabel c) {
      return state
          .page()
          .elementLabelled(c.label())
          .<Action>map(e -> new Action.Click(e.id()))
          .orElse(action);
    }
    return action;
  }

  private static CompositeAction compose(AgentState state, Scored s) {
    return ActionTexts.compose(state, s.candidate(), s.score(), s.logProbability());
  }
}
