package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.InputException;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned critic's features worked out by hand on two pages, its ranking, and its weights kept
 * apart from a policy's by the feature layout.
 */
class ListwiseCriticTest {
  static final String INSTRUCTION = "i want a blue cotton t-shirt in large, under 30 dollars";

  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static PolicyFeatures policyFeatures;
  static ListwiseFeatures features;

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq"));
    policyFeatures = ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none());
    features = new ListwiseFeatures(policyFeatures);
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  static AgentState resultsPage() {
    String text =
        String.join(
            "\n",
            "Instruction: " + INSTRUCTION,
            "[1] link \"Back to Search\"",
            "Page 1 (Total results: 20)",
            "[2] link \"Next >\"",
            "B01",
            "[3] link \"Blue Cotton T-Shirt\"",
            "$25.00",
            "B02",
            "[4] link \"Red Cotton T-Shirt\"",
            "$45.00");
    Observation page =
        new Observation(
            "http://shop/search?k=blue",
            "Results",
            text,
            List.of(
                new PageElement(1, "link", "Back to Search", false),
                new PageElement(2, "link", "Next >", false),
                new PageElement(3, "link", "Blue Cotton T-Shirt", false),
                new PageElement(4, "link", "Red Cotton T-Shirt", false)));
    return new AgentState(
        new Instruction(INSTRUCTION), List.of(new Action.Type(1, "blue cotton t-shirt")), page);
  }

  static AgentState itemPage() {
    String text =
        String.join(
            "\n",
            "Instruction: " + INSTRUCTION,
            "[1] link \"Back to Search\"",
            "[2] link \"< Prev\"",
            "color:",
            "[3] link \"blue\"",
            "[4] link \"red\" (selected)",
            "size:",
            "[5] link \"small\"",
            "[6] link \"x-large\"",
            "Blue Cotton T-Shirt",
            "Price: $28.00",
            "[7] button \"Buy Now\"");
    Observation page =
        new Observation(
            "http://shop/item/B01",
            "Item",
            text,
            List.of(
                new PageElement(1, "link", "Back to Search", false),
                new PageElement(2, "link", "< Prev", false),
                new PageElement(3, "link", "blue", false),
                new PageElement(4, "link", "red", true),
                new PageElement(5, "link", "small", false),
                new PageElement(6, "link", "x-large", false),
                new PageElement(7, "button", "Buy Now", false)));
    return new AgentState(
        new Instruction(INSTRUCTION),
        List.of(new Action.Type(1, "blue cotton t-shirt"), new Action.Click(3)),
        page);
  }

  static CompositeAction proposal(Action a, double logLikelihood) {
    return new CompositeAction("", "", a, "", logLikelihood);
  }

  static float at(float[] row, String feature) {
    return row[features.column(feature)];
  }

  @Test
  void theCriticSeesTheKTogetherAfterThePolicysOwnDecisionRow() {
    AgentState page = resultsPage();
    float[][] rows =
        features.rows(
            page,
            List.of(
                proposal(new Action.Click(3), -0.5),
                proposal(new Action.Click(4), -1.5),
                proposal(new Action.Click(2), -2.0)));
    assertEquals(3, rows.length);
    assertEquals(features.width(), rows[0].length);
    float[] blue = rows[0];
    float[] red = rows[1];
    float[] next = rows[2];
    // one implementation of the page's knowledge: a critic row starts with the policy's row
    float[][] own = policyFeatures.rowsOf(page, List.of(new Action.Click(3), new Action.Click(4)));
    for (int j = 0; j < policyFeatures.width(); j++) {
      assertEquals(own[0][j], blue[j], "column " + j);
      assertEquals(own[1][j], red[j], "column " + j);
    }
    assertEquals(1f, blue[features.siteColumn("product-affordable")], "$25 within 30");
    assertEquals(1f, red[features.siteColumn("product-over-budget")], "$45 over 30");
    // the K together: K = 3, likelihood gaps and ranks against the best (-0.5)
    assertEquals(0.3f, at(blue, "k"), 1e-6);
    assertEquals(0f, at(blue, "log-likelihood-gap"), 1e-6);
    assertEquals(-0.1f, at(red, "log-likelihood-gap"), 1e-6);
    assertEquals(-0.15f, at(next, "log-likelihood-gap"), 1e-6);
    assertEquals(
        List.of(0f, 0.5f, 1f),
        List.of(
            at(blue, "likelihood-rank"), at(red, "likelihood-rank"), at(next, "likelihood-rank")));
    assertEquals(2f / 3, at(blue, "same-kind"), 1e-6, "two of the three are product links");
    assertEquals(1f / 3, at(next, "same-kind"), 1e-6);
    assertEquals(1f, at(blue, "candidate"));
  }

  @Test
  void aProposalThatNamesNothingOnThePageIsSeenAsSuch() {
    float[][] rows =
        features.rows(
            itemPage(),
            List.of(proposal(new Action.Click(3), -0.7), proposal(new Action.Click(99), -3.0)));
    assertEquals(1f, at(rows[0], "candidate"));
    assertEquals(0f, at(rows[1], "candidate"), "a command naming nothing on the page");
    assertEquals(1f, rows[0][features.siteColumn("option-named")], "blue is named");
  }

  @Test
  void theCriticReadsTheDecisionRowOnly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ListwiseFeatures(PolicyFeatures.legacy(MiniLmEncoder.shared())));
    assertTrue(e.getMessage().contains("legacy row"), e.getMessage());
  }

  @Test
  void theCriticRanksBestFirstAndKeepsProposalOrderOnTies() {
    assertEquals(List.of(1, 3, 0, 2), ListwiseCritic.ranking(new double[] {0.5, 2.0, -1.0, 1.0}));
    assertEquals(List.of(1, 0, 2), ListwiseCritic.ranking(new double[] {1.0, 3.0, 1.0}));
    assertEquals(List.of(0, 1, 2), ListwiseCritic.ranking(new double[] {0.0, 0.0, 0.0}));
    try (PolicyNetwork net =
        PolicyNetwork.initialised(ListwiseCritic.architecture(features, List.of(8)), 7)) {
      ListwiseCritic critic = new ListwiseCritic("critic:test", net, features);
      List<CompositeAction> proposals =
          List.of(
              proposal(new Action.Click(3), -0.5),
              proposal(new Action.Click(4), -1.5),
              proposal(new Action.Click(2), -2.0));
      double[] s = critic.scores(resultsPage(), proposals);
      assertEquals(ListwiseCritic.ranking(s), critic.rank(resultsPage(), proposals));
      assertEquals(List.of(), critic.rank(resultsPage(), List.of()));
    }
  }

  static CriticVersion manifest(String version, List<Integer> hidden) {
    return new CriticVersion(
        version,
        "test",
        "test",
        hidden,
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
        0,
        0,
        0,
        "now");
  }

  static PolicyVersion policyManifest(String version, List<Integer> hidden) {
    return new PolicyVersion(
        version,
        "bc",
        "test",
        null,
        "test",
        hidden,
        0.5,
        TrainingConfig.imitation(),
        List.of(),
        List.of(),
        0,
        "now");
  }

  @Test
  void aCriticsWeightsAreRefusedAsAPolicysAndAPolicysAsACriticsWeights() {
    assertNotEquals(features.layout(), policyFeatures.layout());
    CriticStore critics = new CriticStore(artifacts, features);
    PolicyStore policies = new PolicyStore(artifacts, policyFeatures);
    byte[] criticWeights;
    byte[] policyWeights;
    try (PolicyNetwork c =
            PolicyNetwork.initialised(ListwiseCritic.architecture(features, List.of(8)), 1);
        PolicyNetwork p =
            PolicyNetwork.initialised(
                PolicyNetwork.Architecture.of(policyFeatures, List.of(8)), 1)) {
      criticWeights = c.write();
      policyWeights = p.write();
    }
    critics.save(manifest("c0", List.of(8)), criticWeights);
    policies.save(policyManifest("v0", List.of(8)), policyWeights);
    // each loads as what it is
    assertEquals("critic:c0", critics.load("c0").name());
    assertSame(critics.load("c0"), critics.load("0"), "loaded once per process");
    assertEquals("learned:v0", policies.load("v0").name());
    // and neither as the other
    critics.save(manifest("c1", List.of(8)), policyWeights);
    policies.save(policyManifest("v1", List.of(8)), criticWeights);
    InputException asCritic = assertThrows(InputException.class, () -> critics.load("c1"));
    assertTrue(asCritic.getMessage().contains("critics/c1/weights.bin"), asCritic.getMessage());
    assertTrue(
        asCritic.getMessage().contains("weights of another architecture"), asCritic.getMessage());
    assertTrue(asCritic.getMessage().contains(policyFeatures.layout()), asCritic.getMessage());
    InputException asPolicy = assertThrows(InputException.class, () -> policies.load("v1"));
    assertTrue(asPolicy.getMessage().contains("policies/v1/weights.bin"), asPolicy.getMessage());
    assertTrue(asPolicy.getMessage().contains(features.layout()), asPolicy.getMessage());
  }

  @Test
  void criticVersionsAreNamedAndKeptLikePolicyVersions() {
    JsonArtifacts own =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "versions"));
    CriticStore critics = new CriticStore(own, features);
    assertEquals("c0", critics.versions().nextVersion());
    assertEquals("c0", critics.versions().allocate("round-a"));
    assertEquals("c1", critics.versions().allocate("round-b"), "an allocated name is taken");
    assertEquals("c3", CriticStore.normalise("3"));
    assertEquals("c3", CriticStore.normalise("c3"));
    InputException bad = assertThrows(InputException.class, () -> CriticStore.normalise("v3"));
    assertTrue(
        bad.getMessage().contains("critic version 'v3' is not a version like c0"),
        bad.getMessage());
    try (PolicyNetwork c =
        PolicyNetwork.initialised(ListwiseCritic.architecture(features, List.of(4)), 1)) {
      critics.save(manifest("c1", List.of(4)), c.write());
      assertThrows(
          IllegalStateException.class, () -> critics.save(manifest("c1", List.of(4)), c.write()));
    }
    assertEquals(List.of("c1"), critics.stored().stream().map(CriticVersion::version).toList());
    assertTrue(own.store().get("critics/c1/weights.bin").isPresent());
    assertTrue(own.store().get("critics/c1/manifest.json").isPresent());
    assertEquals("c2", critics.versions().nextVersion());
    InputException unknown = assertThrows(InputException.class, () -> critics.load("c7"));
    assertTrue(unknown.getMessage().contains("critic c7 is not in"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("(stored: c1)"), unknown.getMessage());
  }
}
