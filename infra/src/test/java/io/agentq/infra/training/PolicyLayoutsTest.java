package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.environments.shop.decision.ShopDecisionFeatures;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store reads each stored version with the feature row it was trained on (the decision row or the
 * legacy row), and refuses in one line weights of a layout this build does not read.
 */
class PolicyLayoutsTest {
  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq"));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  static PolicyVersion manifest(String version) {
    return new PolicyVersion(
        version,
        "bc",
        "test",
        null,
        "test",
        List.of(8),
        0.5,
        TrainingConfig.imitation(),
        List.of(),
        List.of(),
        0,
        "now");
  }

  @Test
  void eachVersionIsReadWithItsOwnRowAndAnUnknownRowIsRefused() {
    PolicyFeatures decision =
        ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none());
    PolicyFeatures legacy = PolicyFeatures.legacy(MiniLmEncoder.shared());
    assertEquals(PolicyFeatures.LEGACY, legacy.layout());
    assertEquals(ShopPolicyFeatures.DECISION_LAYOUT, decision.layout());
    assertEquals(10 + 5 + ShopDecisionFeatures.WIDTH, decision.width());
    assertEquals(384 + 10 + 5, legacy.width());
    PolicyStore both = new PolicyStore(artifacts, decision, legacy);
    try (PolicyNetwork d =
            PolicyNetwork.initialised(PolicyNetwork.Architecture.of(decision, List.of(8)), 1);
        PolicyNetwork l =
            PolicyNetwork.initialised(PolicyNetwork.Architecture.of(legacy, List.of(8)), 1)) {
      both.save(manifest("v0"), d.write());
      both.save(manifest("v1"), l.write());
    }
    assertEquals(decision.layout(), both.load("v0").features().layout());
    assertEquals(legacy.layout(), both.load("v1").features().layout());
    assertEquals(legacy.layout(), both.layoutOf("v1"));
    assertEquals(legacy, both.features(PolicyFeatures.LEGACY));
    assertEquals(decision, both.features(null), "the default row");
    // a store of this build that reads the decision row only refuses the legacy weights
    PolicyStore decisionOnly = new PolicyStore(artifacts, decision);
    InputException e = assertThrows(InputException.class, () -> decisionOnly.load("v1"));
    assertTrue(e.getMessage().contains("policies/v1/weights.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("weights of another architecture"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    InputException unknown =
        assertThrows(InputException.class, () -> decisionOnly.features("made-up-layout"));
    assertTrue(unknown.getMessage().contains("made-up-layout"), unknown.getMessage());
  }
}
