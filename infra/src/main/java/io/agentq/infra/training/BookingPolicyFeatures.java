package io.agentq.infra.training;

import io.agentq.environments.booking.decision.BookingDecisionFeatures;
import io.agentq.infra.policy.MiniLmEncoder;

/** The feature row of the built-in booking site: the decision row over the site's own features. */
public final class BookingPolicyFeatures {
  private BookingPolicyFeatures() {}

  /** The decision row's layout name on the booking site. */
  public static final String DECISION_LAYOUT =
      PolicyFeatures.decisionLayout(BookingDecisionFeatures.LAYOUT);

  /** The booking site's decision row, with MiniLM as the similarity. */
  public static PolicyFeatures decision() {
    return PolicyFeatures.decision(MiniLmEncoder.shared(), new BookingDecisionFeatures());
  }
}
