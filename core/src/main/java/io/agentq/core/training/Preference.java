package io.agentq.core.training;

import java.util.List;

/**
 * A DPO pair: the preferred and the rejected side, each a sequence of decisions (one decision for
 * Agent Q's node-level pairs, a whole trajectory for outcome DPO, Eq. 6), with the reference
 * log-likelihood of each side under the policy that generated it (the behaviour policy; the
 * off-policy trick: no reference model runs during training).
 */
public record Preference(
    List<Decision> preferred,
    List<Decision> rejected,
    double preferredReference,
    double rejectedReference) {
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
  }

  /** A node-level pair: one decision on one page, two different actions. */
  public static Preference atNode(
      float[][] candidates, int preferred, int rejected, double preferredRef, double rejectedRef) {
    return new Preference(
        List.of(new Decision(candidates, preferred)),
        List.of(new Decision(candidates, rejected)),
        preferredRef,
        rejectedRef);
  }
}
