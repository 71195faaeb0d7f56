package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Objective;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyVersionTest {
  @Test
  void aManifestStoredBeforeSoftTargetsStillLoads() throws Exception {
    // A manifest as written before TrainingConfig.softWeight and EpochMetrics.meanKl existed.
    String old =
        """
        {"version":"v3","method":"outcome-dpo","description":"d","parent":"v1",
         "architecture":"mlp(3->8->1) over test","hidden":[8],"temperature":1.0,
         "training":{"objective":"DPO","epochs":8,"batchSize":32,"learningRate":1.0E-4,
                     "beta":0.5,"imitationWeight":1.0,"divergenceLimit":10000.0,"seed":1},
         "metrics":[{"epoch":1,"loss":0.6,"accuracy":0.7,"meanMargin":0.05,"examples":40,
                     "seconds":1.5}],
         "data":["episodes/e1.json"],"examples":40,"createdAt":"2025-01-01T00:00:00Z"}
        """;
    PolicyVersion v = JsonArtifacts.MAPPER.readValue(old, PolicyVersion.class);
    assertEquals(new TrainingConfig(Objective.DPO, 8, 32, 1e-4, 0.5, 1.0, 1e4, 1), v.training());
    assertEquals(0, v.training().softWeight());
    assertEquals(List.of(new EpochMetrics(1, 0.6, 0.7, 0.05, 40, 1.5)), v.metrics());
    assertEquals(0, v.metrics().get(0).meanKl());
  }

  @Test
  void aSearchConfigAndItsMetricsRoundTrip() throws Exception {
    TrainingConfig search = TrainingConfig.search().withSoftWeight(2).withImitationWeight(0.5);
    assertEquals(
        search,
        JsonArtifacts.MAPPER.readValue(
            JsonArtifacts.MAPPER.writeValueAsString(search), TrainingConfig.class));
    EpochMetrics m = new EpochMetrics(2, 1.1, 0.8, 0.3, 90, 4.0, 0.35);
    assertEquals(
        m,
        JsonArtifacts.MAPPER.readValue(
            JsonArtifacts.MAPPER.writeValueAsString(m), EpochMetrics.class));
  }
}
