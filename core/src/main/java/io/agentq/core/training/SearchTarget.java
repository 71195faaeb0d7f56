package io.agentq.core.training;

import java.util.Arrays;

/**
 * The improved policy a searched node teaches (specs/learning.md, "Search distilled into the
 * policy"): over the page's whole candidate set C(h), Gumbel MuZero's completed-Q target (mctx
 * {@code qtransform_completed_by_mix_value} and {@code gumbel_muzero_policy})
 *
 * <pre>
 *   v(h)          = sum_a N(a) Q(a) / sum_a N(a)                  (visited candidates only)
 *   completedQ(a) = Q(a) if N(a) > 0, else v(h)
 *   q~(a)         = (completedQ(a) - min completedQ) / max(max completedQ - min completedQ, 1e-8)
 *   sigma(a)      = (c_visit + max_b N(b)) * c_scale * q~(a)
 *   pi'(a)        = softmax_a( log pi_prior(a) + sigma(a) )
 * </pre>
 *
 * or AlphaZero's plain visit counts, pi'(a) = N(a) / sum N. A candidate the search never proposed
 * has N = 0 and counts as unvisited. When every completed Q is the same (a tie), q~ is 0 everywhere
 * and pi' is the prior: a tie pushes nothing. mctx's v(h) also mixes in the network's own value
 * estimate; the policy here has none, so v(h) is the visit-weighted mean of the visited returns
 * (which gives the spec's worked check, v = 0.75).
 *
 * <p>The inputs of every method are per candidate, index for index: {@code priorLogProbs} the
 * behaviour log pi_prior(a | h) stored when the tree was built (need not be normalised; the softmax
 * normalises), {@code visits} N(a) (0 for a candidate never expanded), {@code meanReturns} Q(a),
 * the mean backed-up return (read only where N(a) > 0, so any value, NaN included, may stand
 * elsewhere).
 *
 * @param cVisit c_visit, added to the largest visit count before scaling (default 50, as mctx)
 * @param cScale c_scale, the scale of the completed-Q bonus (default 0.1, as mctx)
 */
public record SearchTarget(double cVisit, double cScale) {
  /** The floor of the range of completed Q, so a tie divides 0 by it instead of by 0 (mctx). */
  public static final double RANGE_FLOOR = 1e-8;

  public SearchTarget {
    if (!(cVisit >= 0 && Double.isFinite(cVisit)) || !(cScale >= 0 && Double.isFinite(cScale))) {
      throw new IllegalArgumentException(
          "search target: c_visit and c_scale must be finite and not negative, got "
              + cVisit
              + " and "
              + cScale);
    }
  }

  /** mctx's constants: c_visit = 50, c_scale = 0.1. */
  public static SearchTarget defaults() {
    return new SearchTarget(50, 0.1);
  }

  /** pi'(a) = softmax(log pi_prior(a) + sigma(a)): the completed-Q target of the node. */
  public double[] completedQPolicy(double[] priorLogProbs, int[] visits, double[] meanReturns) {
    checkLengths(priorLogProbs.length, visits, meanReturns);
    for (int a = 0; a < priorLogProbs.length; a++) {
      if (!Double.isFinite(priorLogProbs[a])) {
        throw new IllegalArgumentException(
            "search target: the prior log-probability of candidate "
                + a
                + " is "
                + priorLogProbs[a]
                + "; every candidate of the page needs a finite one");
      }
    }
    double[] sigma = sigma(visits, meanReturns);
    double[] logits = new double[sigma.length];
    for (int a = 0; a < logits.length; a++) {
      logits[a] = priorLogProbs[a] + sigma[a];
    }
    return softmax(logits);
  }

  /** sigma(a) = (c_visit + max_b N(b)) * c_scale * q~(a): the bonus added to the prior's logits. */
  public double[] sigma(int[] visits, double[] meanReturns) {
    double[] completed = completedQ(visits, meanReturns);
    double min = Arrays.stream(completed).min().orElseThrow();
    double max = Arrays.stream(completed).max().orElseThrow();
    double range = Math.max(max - min, RANGE_FLOOR);
    double scale = (cVisit + Arrays.stream(visits).max().orElseThrow()) * cScale;
    double[] sigma = new double[completed.length];
    for (int a = 0; a < sigma.length; a++) {
      sigma[a] = scale * ((completed[a] - min) / range);
    }
    return sigma;
  }

  /** completedQ(a) = Q(a) where N(a) > 0, else the node's value v(h). */
  public static double[] completedQ(int[] visits, double[] meanReturns) {
    double v = nodeValue(visits, meanReturns);
    double[] completed = new double[visits.length];
    for (int a = 0; a < visits.length; a++) {
      completed[a] = visits[a] > 0 ? meanReturns[a] : v;
    }
    return completed;
  }

  /** v(h) = sum N(a) Q(a) / sum N(a) over the visited candidates. */
  public static double nodeValue(int[] visits, double[] meanReturns) {
    checkLengths(visits.length, visits, meanReturns);
    double reference = Double.NaN;
    long total = 0;
    for (int a = 0; a < visits.length; a++) {
      if (visits[a] > 0) {
        if (!Double.isFinite(meanReturns[a])) {
          throw new IllegalArgumentException(
              "search target: candidate "
                  + a
                  + " was visited "
                  + visits[a]
                  + " times but its mean return is "
                  + meanReturns[a]);
        }
        reference = Double.isNaN(reference) ? meanReturns[a] : reference;
        total += visits[a];
      }
    }
    // The mean is taken around the first visited Q, so equal Qs give exactly that Q back: a tie
    // then completes the unvisited with the very same number and q~ is exactly 0.
    double offset = 0;
    for (int a = 0; a < visits.length; a++) {
      if (visits[a] > 0) {
        offset += visits[a] * (meanReturns[a] - reference);
      }
    }
    return reference + offset / total;
  }

  /** AlphaZero's target pi'(a) = N(a) / sum N. */
  public static double[] visitCountPolicy(int[] visits) {
    checkVisits(visits);
    long total = Arrays.stream(visits).asLongStream().sum();
    double[] pi = new double[visits.length];
    for (int a = 0; a < visits.length; a++) {
      pi[a] = (double) visits[a] / total;
    }
    return pi;
  }

  private static double[] softmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double[] p = new double[logits.length];
    double z = 0;
    for (int a = 0; a < p.length; a++) {
      p[a] = Math.exp(logits[a] - max);
      z += p[a];
    }
    for (int a = 0; a < p.length; a++) {
      p[a] /= z;
    }
    return p;
  }

  private static void checkLengths(int candidates, int[] visits, double[] meanReturns) {
    if (visits.length != candidates || meanReturns.length != candidates) {
      throw new IllegalArgumentException(
          "search target: one value per candidate is needed, got "
              + candidates
              + " prior log-probabilities, "
              + visits.length
              + " visit counts and "
              + meanReturns.length
              + " mean returns");
    }
    checkVisits(visits);
  }

  private static void checkVisits(int[] visits) {
    if (visits.length == 0) {
      throw new IllegalArgumentException("search target: a node needs at least one candidate");
    }
    long total = 0;
    for (int a = 0; a < visits.length; a++) {
      if (visits[a] < 0) {
        throw new IllegalArgumentException(
            "search target: candidate " + a + " has a negative visit count " + visits[a]);
      }
      total += visits[a];
    }
    if (total == 0) {
      throw new IllegalArgumentException(
          "search target: no candidate of the node was visited; only an expanded node whose"
              + " children were searched has a target");
    }
  }
}
