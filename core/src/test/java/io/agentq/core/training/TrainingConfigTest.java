package io.agentq.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {
  @Test
  void theSoftWeightBelongsToTheSearchObjective() {
    assertEquals(0, TrainingConfig.dpo().softWeight());
    assertEquals(1, TrainingConfig.search().softWeight());
    assertEquals(2.5, TrainingConfig.search().withSoftWeight(2.5).softWeight());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.dpo().withSoftWeight(1));
    assertTrue(e.getMessage().contains("needs the search objective"), e.getMessage());
    // the constructor of configs written before soft targets: soft weight 0, or 1 for search
    assertEquals(0, new TrainingConfig(Objective.DPO, 1, 1, 1e-3, 0.1, 0, 1e4, 1).softWeight());
    assertEquals(1, new TrainingConfig(Objective.SEARCH, 1, 1, 1e-3, 0.1, 0, 1e4, 1).softWeight());
  }
}
