package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Episode;
import io.agentq.core.InputException;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.TrainingConfig;
import io.agentq.core.training.TrainingSpec;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static PolicyStore policies;
  static List<String> data = new ArrayList<>();

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq"));
    policies =
        new PolicyStore(
            artifacts,
            ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none()),
            PolicyFeatures.legacy(MiniLmEncoder.shared()));
    ObservationStore observations = new ObservationStore(artifacts);
    // Ten one-step demonstrations on the item page: choose "large" (element 4).
    AgentState s = LearnedPolicyTest.itemPage();
    for (int i = 0; i < 10; i++) {
      String key = "datasets/test/t" + i + ".json";
      artifacts.put(
          key,
          "trajectory",
          new Episode(
              "demo-t" + i,
              Integer.toString(i),
              "B01",
              s.instruction().text(),
              "expert",
              true,
              1.0,
              true,
              1,
              null,
              List.of(
                  Episode.Step.decision(
                      observations.put("demo-t" + i, s.page()),
                      s.previousActions().stream().map(Action::toString).toList(),
                      "CLICK [4]",
                      0.0))));
      data.add(key);
    }
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  static TrainingSpec spec(String version) {
    return new TrainingSpec(
        "training/" + version,
        version,
        "bc",
        "test",
        null,
        List.of(8),
        0.5,
        TrainingConfig.imitation().withEpochs(4).withLearningRate(1e-2).withSeed(3),
        List.of(io.agentq.core.training.DataSet.of(DataKind.SUCCESSES, data)),
        0,
        null);
  }

  @Test
  void aRunKilledAfterItsSecondEpochResumesThereAndEndsLikeAnUnbrokenRun() {
    PolicyVersion unbroken = new TrainingRun(artifacts, policies).run(spec("v100"), k -> {});
    List<String> saved = new ArrayList<>();
    RuntimeException killed =
        assertThrows(
            RuntimeException.class,
            () ->
                new TrainingRun(artifacts, policies)
                    .run(
                        spec("v101"),
                        k -> {
                          saved.add(k);
                          if (k.endsWith("/2.bin")) {
                            throw new RuntimeException("worker killed");
                          }
                        }));
    assertEquals("worker killed", killed.getMessage());
    assertTrue(policies.manifest("v101").isEmpty(), "no version before the run finished");
    assertEquals(2, new TrainingRun(artifacts, policies).lastSaved("training/v101").get().epoch());

    List<String> afterRestart = new ArrayList<>();
    PolicyVersion resumed =
        new TrainingRun(artifacts, policies).run(spec("v101"), afterRestart::add);
    assertEquals(List.of("training/v101/epochs/3.bin", "training/v101/epochs/4.bin"), afterRestart);
    assertEquals(unbroken.metrics().get(3).loss(), resumed.metrics().get(3).loss(), 0.0);
    assertArrayEquals(
        artifacts.store().get(unbroken.weightsKey()).get(),
        artifacts.store().get(resumed.weightsKey()).get(),
        "the same weights, bit for bit");
    assertEquals(data, resumed.data(), "lineage: the keys of the data trained on");
    assertEquals(10, resumed.examples());

    // A finished version is read back, never trained again.
    List<String> again = new ArrayList<>();
    new TrainingRun(artifacts, policies).run(spec("v101"), again::add);
    assertEquals(List.of(), again);
  }

  @Test
  void aRunThatDivergesOnceResumesFromItsLastSavedEpochAndEndsLikeAnUnbrokenRun() {
    PolicyVersion unbroken = new TrainingRun(artifacts, policies).run(spec("v400"), k -> {});
    List<String> saved = new ArrayList<>();
    boolean[] diverged = {false};
    PolicyVersion v =
        new TrainingRun(artifacts, policies)
            .run(
                spec("v401"),
                k -> {
                  saved.add(k);
                  if (k.endsWith("/3.bin") && !diverged[0]) {
                    diverged[0] =
                        true; // a NaN in epoch 4's first batch, as seen once on a loaded machine
                    throw new io.agentq.core.training.TrainingDiverged(
                        "training diverged in epoch 4 at example 0: batch loss NaN (limit 10000.0);"
                            + " the last good epoch is 3");
                  }
                });
    assertEquals(
        List.of(
            "training/v401/epochs/1.bin",
            "training/v401/epochs/2.bin",
            "training/v401/epochs/3.bin",
            "training/v401/epochs/4.bin"),
        saved,
        "resumed after epoch 3, not from the start");
    assertArrayEquals(
        artifacts.store().get(unbroken.weightsKey()).get(),
        artifacts.store().get(v.weightsKey()).get(),
        "the same weights, bit for bit");
  }

  @Test
  void aRunThatDivergesAgainAfterResumingOnceStopsWithTheTrainersError() {
    TrainingSpec asked = spec("v300");
    // A loss limit no batch can meet: every attempt diverges in its first batch.
    TrainingSpec diverging =
        new TrainingSpec(
            asked.runKey(),
            asked.version(),
            asked.method(),
            asked.description(),
            asked.parent(),
            asked.hidden(),
            asked.temperature(),
            new io.agentq.core.training.TrainingConfig(
                io.agentq.core.training.Objective.IMITATION, 4, 32, 1e-2, 0.1, 0, 1e-9, 3),
            asked.data(),
            asked.pairsPerTask(),
            asked.layout());
    List<String> saved = new ArrayList<>();
    io.agentq.core.training.TrainingDiverged e =
        assertThrows(
            io.agentq.core.training.TrainingDiverged.class,
            () -> new TrainingRun(artifacts, policies).run(diverging, saved::add));
    assertTrue(e.getMessage().contains("last good epoch is 0"), e.getMessage());
    assertEquals(List.of(), saved, "nothing diverged was saved");
    assertTrue(policies.manifest("v300").isEmpty(), "no version");
  }

  @Test
  void storedVersionsLoadAsPoliciesAndTheLineageIsInTheStore() {
    new TrainingRun(artifacts, policies).run(spec("v200"), k -> {});
    LearnedPolicy p = policies.load("200");
    assertEquals("learned:v200", p.name());
    assertEquals(0.5, p.temperature());
    // trained on "large": it is now the page's most likely action
    LearnedPolicy.Scored s = p.score(LearnedPolicyTest.itemPage());
    int best = 0;
    for (int i = 1; i < s.scores().length; i++) {
      best = s.scores()[i] > s.scores()[best] ? i : best;
    }
    assertEquals(new Action.Click(4), s.candidates().get(best).action());

    policies.promote("v200", "test");
    assertEquals("v200", policies.promoted().get().version());
    InputException unknown = assertThrows(InputException.class, () -> policies.load("v999"));
    assertTrue(unknown.getMessage().contains("policy v999 is not in"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("v200"), unknown.getMessage());
    assertThrows(InputException.class, () -> PolicyStore.normalise("latest"));
  }
}
