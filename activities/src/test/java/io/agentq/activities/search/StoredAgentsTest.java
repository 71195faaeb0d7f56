package io.agentq.activities.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Critic;
import io.agentq.core.InputException;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.BasePolicyCritic;
import io.agentq.infra.policy.MiniLmEncoder;
import io.agentq.infra.training.CriticStore;
import io.agentq.infra.training.CriticVersion;
import io.agentq.infra.training.ListwiseCritic;
import io.agentq.infra.training.ListwiseFeatures;
import io.agentq.infra.training.PolicyFeatures;
import io.agentq.infra.training.PolicyNetwork;
import io.agentq.infra.training.PolicyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Critics by the names episode requests carry: built-in, a stored policy's, a learned one. */
class StoredAgentsTest {
  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static StoredAgents agents;

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    JsonArtifacts artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq"));
    PolicyFeatures features =
        io.agentq.infra.training.ShopPolicyFeatures.decision(
            MiniLmEncoder.shared(), io.agentq.environments.shop.decision.OptionVocabulary.none());
    CriticStore critics = new CriticStore(artifacts, new ListwiseFeatures(features));
    try (PolicyNetwork net =
        PolicyNetwork.initialised(ListwiseCritic.architecture(critics.features(), List.of(8)), 1)) {
      critics.save(
          new CriticVersion(
              "c0",
              "test",
              net.architecture().describe(),
              List.of(8),
              TrainingConfig.imitation(),
              List.of(),
              null,
              "run",
              "zero-shot",
              "budget",
              1,
              0,
              List.of(),
              0,
              0,
              Map.of(),
              0,
              0.1,
              0,
              0,
              "now"),
          net.write());
    }
    agents = new StoredAgents(new PolicyStore(artifacts, features), critics);
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void aLearnedCriticIsLoadedFromTheStoreByNameOnce() {
    Critic c = agents.critic("critic:c0");
    assertTrue(c instanceof ListwiseCritic, c.getClass().toString());
    assertEquals("critic:c0", c.name());
    assertSame(c, agents.critic("critic:c0"), "cached: one network per worker");
  }

  @Test
  void theBuiltInCriticsAreStillThere() {
    Critic base = agents.critic("base-ranking");
    assertTrue(base instanceof BasePolicyCritic);
    assertEquals("frozen-base-ranking(zero-shot-minilm-lexical)", base.name());
    InputException noPolicy =
        assertThrows(InputException.class, () -> agents.critic("base-ranking:v3"));
    assertTrue(noPolicy.getMessage().contains("policy v3 is not in"), noPolicy.getMessage());
  }

  @Test
  void unknownCriticsAreBadInputThatSaysWhatThereIs() {
    InputException missing = assertThrows(InputException.class, () -> agents.critic("critic:c4"));
    assertTrue(missing.getMessage().contains("critic c4 is not in"), missing.getMessage());
    assertTrue(missing.getMessage().contains("(stored: c0)"), missing.getMessage());
    InputException unknown = assertThrows(InputException.class, () -> agents.critic("oracle"));
    assertTrue(
        unknown.getMessage().contains("use base-ranking, base-ranking:vN or critic:cN"),
        unknown.getMessage());
  }
}
