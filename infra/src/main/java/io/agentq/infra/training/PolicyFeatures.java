package io.agentq.infra.training;

import io.agentq.core.AgentState;
import io.agentq.core.PageElement;
import io.agentq.infra.policy.Candidate;
import io.agentq.infra.policy.CandidateActions;
import io.agentq.infra.policy.SentenceEncoder;
import java.util.List;

/**
 * The frozen input of the learnable policy: for every candidate action of a page, one row of
 *
 * <ul>
 *   <li>the element-wise product of the instruction's and the candidate text's sentence vectors (a
 *       similarity the network can weigh dimension by dimension),
 *   <li>the lexical, structural and history features of {@link CandidateActions},
 *   <li>the page's shape (a text box, a commit button, paging links, its size) and how far the
 *       episode has gone.
 * </ul>
 *
 * Sentence vectors are cached by the encoder, so the rows of a page seen again cost little.
 */
public final class PolicyFeatures {
  /** Features of the page's shape, at the end of every row. */
  static final int PAGE = 5;

  private final SentenceEncoder encoder;
  private final CandidateActions actions;
  private final int dimensions;
  private final int width;

  public PolicyFeatures(SentenceEncoder encoder) {
    this.encoder = encoder;
    this.actions = new CandidateActions(encoder);
    this.dimensions = encoder.encode("dimensions").length;
    this.width = dimensions + CandidateActions.FEATURES + PAGE;
  }

  /** The candidates of a page and their feature rows, in the same order. */
  public record Page(List<Candidate> candidates, float[][] rows) {}

  public int width() {
    return width;
  }

  /** A name of the feature layout, stored with weights so that another layout cannot load them. */
  public String layout() {
    return "minilm" + dimensions + "-product+cand" + CandidateActions.FEATURES + "+page" + PAGE;
  }

  public Page of(AgentState state) {
    List<Candidate> candidates = actions.of(state);
    float[] goal = encoder.encode(state.instruction().text());
    float[] page = pageShape(state);
    float[][] rows = new float[candidates.size()][width];
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      float[] text = encoder.encode(c.text());
      float[] row = rows[i];
      for (int d = 0; d < dimensions; d++) {
        row[d] = goal[d] * text[d] * dimensions; // unit vectors: scale products to O(1)
      }
      double[] f = c.features();
      for (int j = 0; j < f.length; j++) {
        row[dimensions + j] = (float) f[j];
      }
      System.arraycopy(page, 0, row, dimensions + CandidateActions.FEATURES, PAGE);
    }
    return new Page(candidates, rows);
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
