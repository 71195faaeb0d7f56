package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.DecisionFeatures;
import io.agentq.core.PageElement;
import io.agentq.infra.policy.Candidate;
import io.agentq.infra.policy.CandidateActions;
import io.agentq.infra.policy.SentenceEncoder;
import java.util.List;

/**
 * The frozen input of the learnable policy: one row for every candidate action of a page. Two
 * layouts exist, named in the weights they train so that neither loads the other's:
 *
 * <ul>
 *   <li><b>the decision row</b> ({@link #decision}, the default): the lexical, structural and
 *       history features of {@link CandidateActions}, the page's shape, and the site's own features
 *       of the action in the context of its page and the instruction ({@link DecisionFeatures}:
 *       prices against the budget, title coverage, which named options are offered and chosen); the
 *       sentence encoder enters as similarities only;
 *   <li><b>the legacy row</b> ({@link #legacy}): the element-wise product of the instruction's and
 *       the candidate text's sentence vectors (384 inputs), the candidate features and the page's
 *       shape. It could not tell a right purchase from a wrong one and learned the products by
 *       heart; kept so that the ladder can measure the two side by side and its weights still load.
 * </ul>
 *
 * Sentence vectors are cached by the encoder, so the rows of a page seen again cost little.
 */
public final class PolicyFeatures {
  /** Features of the page's shape, after the candidate features. */
  static final int PAGE = 5;

  /** The legacy layout's name (stored in weights trained on it). */
  public static final String LEGACY = "minilm384-product+cand10+page5";

  private final SentenceEncoder encoder;
  private final CandidateActions actions;
  private final DecisionFeatures site;
  private final int dimensions;
  private final int width;

  private PolicyFeatures(SentenceEncoder encoder, DecisionFeatures site) {
    this.encoder = encoder;
    this.actions = new CandidateActions(encoder);
    this.site = site;
    this.dimensions = site == null ? encoder.encode("dimensions").length : 0;
    this.width =
        dimensions + CandidateActions.FEATURES + PAGE + (site == null ? 0 : site.names().size());
  }

  /** The decision row over {@code site}'s features. */
  public static PolicyFeatures decision(SentenceEncoder encoder, DecisionFeatures site) {
    if (site == null) {
      throw new IllegalArgumentException("the decision row needs the site's features");
    }
    return new PolicyFeatures(encoder, site);
  }

  /** The legacy row: the sentence vectors' product, candidate features, page shape. */
  public static PolicyFeatures legacy(SentenceEncoder encoder) {
    return new PolicyFeatures(encoder, null);
  }

  /** The candidates of a page and their feature rows, in the same order. */
  public record Page(List<Candidate> candidates, float[][] rows) {}

  public int width() {
    return width;
  }

  /** Whether this is the decision row (the site's features) rather than the legacy row. */
  public boolean isDecisionRow() {
    return site != null;
  }

  /** Where the candidate features start in a row. */
  int candidateOffset() {
    return dimensions;
  }

  /** Where the site's features start in a row (decision row only). */
  int siteOffset() {
    return dimensions + CandidateActions.FEATURES + PAGE;
  }

  /** The site's features of the decision row, or null for the legacy row. */
  public DecisionFeatures site() {
    return site;
  }

  /** A name of the feature layout, stored with weights so that another layout cannot load them. */
  public String layout() {
    if (site == null) {
      return "minilm" + dimensions + "-product+cand" + CandidateActions.FEATURES + "+page" + PAGE;
    }
    return decisionLayout(site.layout());
  }

  /** The decision row's layout name over site features of layout {@code siteLayout}. */
  public static String decisionLayout(String siteLayout) {
    return "decision:cand" + CandidateActions.FEATURES + "+page" + PAGE + "+" + siteLayout;
  }

  public Page of(AgentState state) {
    List<Candidate> candidates =
        actions.of(state, site == null ? java.util.Optional.empty() : site.typing(state));
    float[] page = pageShape(state);
    float[][] rows = new float[candidates.size()][width];
    double[][] siteRows =
        site == null ? null : site.rows(state, candidates.stream().map(Candidate::action).toList());
    float[] goal = site == null ? encoder.encode(state.instruction().text()) : null;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      float[] row = rows[i];
      if (site == null) {
        float[] text = encoder.encode(c.text());
        for (int d = 0; d < dimensions; d++) {
          row[d] = goal[d] * text[d] * dimensions; // unit vectors: scale products to O(1)
        }
      }
      double[] f = c.features();
      for (int j = 0; j < f.length; j++) {
        row[dimensions + j] = (float) f[j];
      }
      System.arraycopy(page, 0, row, dimensions + CandidateActions.FEATURES, PAGE);
      if (site != null) {
        double[] s = siteRows[i];
        for (int j = 0; j < s.length; j++) {
          row[siteOffset() + j] = (float) s[j];
        }
      }
    }
    return new Page(candidates, rows);
  }

  /** The rows of some actions of a page (those that are not candidates get none: null). */
  public float[][] rowsOf(AgentState state, List<Action> wanted) {
    Page page = of(state);
    float[][] out = new float[wanted.size()][];
    for (int i = 0; i < wanted.size(); i++) {
      for (int c = 0; c < page.candidates().size(); c++) {
        if (page.candidates().get(c).action().equals(wanted.get(i))) {
          out[i] = page.rows()[c];
          break;
        }
      }
    }
    return out;
  }

  private static float[] pageShape(AgentState state) {
    List<PageElement> elements = state.page().elements();
    boolean textBox = false;
    boolean commit = false;
    boolean paging = false;
    for (PageElement e : elements) {
      String label = e.label().toLowerCase(java.util.Locale.ROOT);
      textBox |= e.isTextInput();
      commit |= label.contains("buy") || label.contains("checkout") || label.contains("book");
      paging |= label.startsWith("next") || label.startsWith("< prev") || label.endsWith(">");
    }
    return new float[] {
      textBox ? 1 : 0,
      commit ? 1 : 0,
      paging ? 1 : 0,
      Math.min(1f, elements.size() / 50f),
      Math.min(1f, state.step() / 12f)
    };
  }
}
