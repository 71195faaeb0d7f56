package io.agentq.core.training;

import java.util.List;

/**
 * A DPO pair: the preferred and the rejected side, each a sequence of decisions (one decision for
 * Agent Q's node-level pairs, a whole trajectory for outcome DPO, Eq. 6), with the reference
 * log-likelihood of each side under the policy that generated it (the behaviour policy; the
 * off-policy trick: no reference model runs during training), and the pair's weight in a batch's
 * loss, sum_i w_i L_i / sum_i w_i (1 unless the caller says otherwise).
 */
public record Preference(
    List<Decision> preferred,
    List<Decision> rejected,
    double preferredReference,
    double rejectedReference,
    double weight) {
  public Preference {
    preferred = List.copyOf(preferred);
    rejected = List.copyOf(rejected);
    if (preferred.isEmpty() || rejected.isEmpty()) {
      throw new IllegalArgumentException("both sides of a preference need a decision");
    }
    if (!Double.isFinite(preferredReference) || !Double.isFinite(rejectedReference)) {
      throw new IllegalArgumentException(
          "reference log-likelihoods must be finite, got "
              + preferredReference
              + " and "
              + rejectedReference);
    }
    if (!(weight > 0 && Double.isFinite(weight))) {
      throw new IllegalArgumentException(
          "a preference's weight must be finite and > 0, got " + weight);
    }
  }

  /** A pair of weight 1. */
  public Preference(
      List<Decision> preferred,
      List<Decision> rejected,
      double preferredReference,
      double rejectedReference) {
    this(preferred, rejected, preferredReference, rejectedReference, 1);
  }

  /** A node-level pair of weight 1: one decision on one page, two different actions. */
  public static Preference atNode(
      float[][] candidates, int preferred, int rejected, double preferredRef, double rejectedRef) {
    return new Preference(
        List.of(new Decision(candidates, preferred)),
        List.of(new Decision(candidates, rejected)),
        preferredRef,
        rejectedRef);
  }

  /** The same pair with another weight. */
  public Preference withWeight(double w) {
    return new Preference(preferred, rejected, preferredReference, rejectedReference, w);
  }
}
