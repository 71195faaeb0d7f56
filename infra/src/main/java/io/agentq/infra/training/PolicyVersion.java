package io.agentq.infra.training;

import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import java.util.List;

/**
 * A stored policy's manifest ({@code policies/vN/manifest.json}): what it is, where it came from
 * and what it was trained on. Its weights are {@code policies/vN/weights.bin}.
 *
 * @param version "v0", "v1", ...
 * @param method how it was made: "bc", "rft", "outcome-dpo", "agentq-round-2", ...
 * @param parent the version it was trained from (null for a policy trained from scratch)
 * @param architecture the network, e.g. "mlp(399->64->1) over minilm384-product+cand10+page5"
 * @param hidden the hidden layer sizes
 * @param temperature the sampling temperature of its episodes (0: always the best-scored action)
 * @param training the training config
 * @param metrics one entry per epoch
 * @param data the store keys of the data it was trained on (lineage)
 * @param examples decisions (imitation) or pairs (DPO) trained on
 */
public record PolicyVersion(
    String version,
    String method,
    String description,
    String parent,
    String architecture,
    List<Integer> hidden,
    double temperature,
    TrainingConfig training,
    List<EpochMetrics> metrics,
    List<String> data,
    int examples,
    String createdAt)
    implements ModelVersions.Manifest {
  public PolicyVersion {
    hidden = List.copyOf(hidden);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    data = data == null ? List.of() : List.copyOf(data);
  }

  public String weightsKey() {
    return PolicyStore.weightsKey(version);
  }
}
