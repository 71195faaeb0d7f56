package io.agentq.infra.training;

import io.agentq.core.TextSimilarity;
import io.agentq.environments.shop.Catalog;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.environments.shop.decision.ShopDecisionFeatures;
import io.agentq.infra.policy.MiniLmEncoder;
import io.agentq.infra.policy.SentenceEncoder;

/**
 * The feature rows of the built-in shop: the decision row over the shop's own features (with the
 * option vocabulary of the catalog being served) and the legacy row; what the stores of policies
 * and critics are made with.
 */
public final class ShopPolicyFeatures {
  private ShopPolicyFeatures() {}

  /** The decision row's layout name on the shop (the same for every catalog). */
  public static final String DECISION_LAYOUT =
      PolicyFeatures.decisionLayout(ShopDecisionFeatures.LAYOUT);

  /** The critic's layout name on the shop. */
  public static final String CRITIC_LAYOUT = ListwiseFeatures.layoutOver(DECISION_LAYOUT);

  /** The decision row of the shop serving {@code catalog}, with MiniLM as the similarity. */
  public static PolicyFeatures decision(Catalog catalog) {
    return decision(MiniLmEncoder.shared(), OptionVocabulary.of(catalog));
  }

  public static PolicyFeatures decision(SentenceEncoder encoder, OptionVocabulary vocabulary) {
    TextSimilarity similarity =
        (a, b) -> SentenceEncoder.cosine(encoder.encode(a), encoder.encode(b));
    return PolicyFeatures.decision(encoder, new ShopDecisionFeatures(similarity, vocabulary));
  }

  /**
   * A policy store reading the shop's two rows and the booking site's decision row, training on the
   * shop's decision row unless told otherwise.
   */
  public static PolicyStore store(io.agentq.infra.artifacts.JsonArtifacts artifacts, Catalog c) {
    return new PolicyStore(
        artifacts,
        decision(c),
        PolicyFeatures.legacy(MiniLmEncoder.shared()),
        BookingPolicyFeatures.decision());
  }
}
