package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.infra.policy.CandidateActions;
import java.util.ArrayList;
import java.util.List;

/**
 * The critic's input: one row for each of a node's K proposals, seen together. A row starts with
 * the proposal's decision row, the same as the policy's ({@link PolicyFeatures#decision}: the
 * candidate features, the page's shape and the site's own features of the action on its page, so
 * the site's page knowledge is written once for both), and goes on with what the proposer's own
 * softmax does not see, the K jointly: the proposal's behaviour log-likelihood, the gap to the best
 * of the K, its rank among them, K, its similarity and overlap with the instruction relative to the
 * best of the K, and how many of the K are of its kind. The same code makes the rows at training
 * and at ranking time.
 */
public final class ListwiseFeatures {
  /** The critic's own features, in row order after the decision row (see {@link #column}). */
  public static final List<String> NAMES =
      List.of(
          "candidate", // the proposal is one of the page's candidates
          "log-likelihood", // its behaviour log-likelihood / 10
          "log-likelihood-gap", // minus the best of the K's, / 10
          "likelihood-rank", // its rank by likelihood among the K, 0 (best) to 1
          "k", // K / 10
          "similarity-gap", // its similarity to the instruction minus the best of the K's
          "precision-gap", // its share of words the instruction uses, minus the K's best
          "recall-gap", // its share of the instruction's words, minus the K's best
          "same-kind"); // share of the K of its kind (search, product, option, buy, ...)

  /** Features after the decision row. */
  public static final int LISTWISE = NAMES.size();

  private final PolicyFeatures policy;
  private final int width;

  public ListwiseFeatures(PolicyFeatures policy) {
    if (!policy.isDecisionRow()) {
      throw new IllegalArgumentException(
          "a critic reads the decision row, not the legacy row (" + policy.layout() + ")");
    }
    this.policy = policy;
    this.width = policy.width() + LISTWISE;
  }

  public int width() {
    return width;
  }

  /** The index in a row of one of the critic's own features ({@link #NAMES}). */
  public int column(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no critic feature named " + name);
    }
    return policy.width() + i;
  }

  /** The index in a row of one of the site's features. */
  public int siteColumn(String name) {
    int i = policy.site().names().indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no site feature named " + name);
    }
    return policy.siteOffset() + i;
  }

  /** The layout's name: never a policy's, so neither loads the other's weights. */
  public String layout() {
    return layoutOver(policy.layout());
  }

  /** The critic's layout name over a decision row of layout {@code policyLayout}. */
  public static String layoutOver(String policyLayout) {
    return "listwise" + LISTWISE + "+" + policyLayout;
  }

  /** The rows of {@code proposals} on the page of {@code state}, in proposal order. */
  public float[][] rows(AgentState state, List<CompositeAction> proposals) {
    int k = proposals.size();
    List<Action> wanted = new ArrayList<>();
    for (CompositeAction p : proposals) {
      wanted.add(LearnedPolicy.canonical(state, p.command()));
    }
    float[][] own = policy.rowsOf(state, wanted);
    int pw = policy.width();
    int cand = policy.candidateOffset();
    float[][] rows = new float[k][width];
    double[] ll = new double[k];
    String[] kind = new String[k];
    for (int i = 0; i < k; i++) {
      if (own[i] != null) {
        System.arraycopy(own[i], 0, rows[i], 0, pw);
      }
      ll[i] = Math.max(-30, proposals.get(i).logLikelihood());
      kind[i] = kind(rows[i]);
    }
    double bestLl = Double.NEGATIVE_INFINITY;
    for (double v : ll) {
      bestLl = Math.max(bestLl, v);
    }
    int[] which = {CandidateActions.SEMANTIC, CandidateActions.PRECISION, CandidateActions.RECALL};
    double[] best = new double[3];
    for (int j = 0; j < 3; j++) {
      best[j] = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        best[j] = Math.max(best[j], rows[i][cand + which[j]]);
      }
    }
    for (int i = 0; i < k; i++) {
      float[] r = rows[i];
      int o = pw;
      int rank = 0;
      int sameKind = 0;
      for (int j = 0; j < k; j++) {
        rank += ll[j] > ll[i] || (ll[j] == ll[i] && j < i) ? 1 : 0;
        sameKind += kind[j].equals(kind[i]) ? 1 : 0;
      }
      r[o++] = own[i] != null ? 1 : 0;
      r[o++] = (float) (ll[i] / 10);
      r[o++] = (float) ((ll[i] - bestLl) / 10);
      r[o++] = k > 1 ? (float) rank / (k - 1) : 0;
      r[o++] = k / 10f;
      for (int j = 0; j < 3; j++) {
        r[o++] = (float) (r[cand + which[j]] - best[j]);
      }
      r[o++] = (float) sameKind / k;
      if (o != width) {
        throw new IllegalStateException("listwise row has " + o + " of " + width + " features");
      }
    }
    return rows;
  }

  /** A coarse kind of a proposal, from its decision row: what "of its kind" counts. */
  private String kind(float[] row) {
    int c = policy.candidateOffset();
    if (row[c + CandidateActions.TYPE] > 0) {
      return "search";
    }
    if (row[c + CandidateActions.COMMIT] > 0) {
      return "commit";
    }
    if (row[c + CandidateActions.NAVIGATION] > 0 || row[c + CandidateActions.BACK_OR_SCROLL] > 0) {
      return "navigation";
    }
    List<String> names = policy.site().names();
    int s = policy.siteOffset();
    for (String k : List.of("product", "option")) {
      int i = names.indexOf(k);
      if (i >= 0 && row[s + i] > 0) {
        return k;
      }
    }
    return "other";
  }
}
