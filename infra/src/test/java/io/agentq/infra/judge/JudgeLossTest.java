package io.agentq.infra.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.agentq.infra.training.PolicyNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge's loss on tiny batches worked out by hand. */
class JudgeLossTest {
  @Test
  void meanBinaryCrossEntropyOnLogits() {
    // Forces the engine's offline set-up before the first NDManager.
    PolicyNetwork.initialised(new PolicyNetwork.Architecture("t", 1, List.of()), 1).close();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // z = (0, 2, -1), y = (1, 0, 0): softplus(0) - 0 = ln 2 = 0.693147, softplus(2) = 2.126928,
      // softplus(-1) = 0.313262; mean 1.044446.
      float a =
          JudgeLoss.mean(m.create(new float[] {0, 2, -1}), m.create(new float[] {1, 0, 0}))
              .getFloat();
      assertEquals(1.044446, a, 1e-5);
      // z = (0.5, -3, 1.5), y = (1, 1, 0): 0.474077 + 3.048587 + 1.701413 = 5.224078; mean
      // 1.741359.
      float b =
          JudgeLoss.mean(m.create(new float[] {0.5f, -3, 1.5f}), m.create(new float[] {1, 1, 0}))
              .getFloat();
      assertEquals(1.741359, b, 1e-5);
    }
  }
}
