package io.agentq.infra.judge;

import io.agentq.infra.training.ModelVersions;
import java.util.List;
import java.util.Map;

/**
 * A stored judge's manifest ({@code judges/jN/manifest.json}); its weights are {@code
 * judges/jN/weights.bin}.
 *
 * @param version "j0", "j1", ...
 * @param description what it is, in a line
 * @param architecture the network, e.g. "mlp(14->32->1) over judge-lexical/1"
 * @param hidden the hidden layer sizes
 * @param layout the feature layout it reads ({@link JudgeFeatures#LAYOUT})
 * @param mean each feature's mean on the training episodes (rows are standardised with it)
 * @param scale each feature's standard deviation there (1 where it was 0)
 * @param filler the instruction words learned as filler from the training episodes ({@link
 *     JudgeFeatures#filler})
 * @param threshold the probability from which it says success, chosen on dev (best agreement)
 * @param epochs passes over the training episodes
 * @param batchSize episodes per gradient step
 * @param learningRate Adam's step size
 * @param seed initial weights and the order of the episodes in every epoch
 * @param losses the mean training loss of each epoch
 * @param trainingData the store prefixes of the episodes it learned from
 * @param devData the store prefixes of the episodes its threshold was chosen on
 * @param counts episodes and successes per split and source ("train/zero-shot" -> [n, successes])
 * @param dev its agreement on dev at the threshold: tp, fp, tn, fn
 * @param createdAt when it was stored
 */
public record JudgeVersion(
    String version,
    String description,
    String architecture,
    List<Integer> hidden,
    String layout,
    List<Double> mean,
    List<Double> scale,
    List<String> filler,
    double threshold,
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    List<Double> losses,
    List<String> trainingData,
    List<String> devData,
    Map<String, List<Integer>> counts,
    Map<String, Integer> dev,
    String createdAt)
    implements ModelVersions.Manifest {
  public JudgeVersion {
    hidden = List.copyOf(hidden);
    mean = List.copyOf(mean);
    scale = List.copyOf(scale);
    filler = filler == null ? List.of() : List.copyOf(filler);
    losses = losses == null ? List.of() : List.copyOf(losses);
    trainingData = trainingData == null ? List.of() : List.copyOf(trainingData);
    devData = devData == null ? List.of() : List.copyOf(devData);
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    dev = dev == null ? Map.of() : Map.copyOf(dev);
  }
}
