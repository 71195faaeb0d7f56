package io.agentq.infra.training;

import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import java.util.List;
import java.util.Map;

/**
 * A stored critic's manifest ({@code critics/cN/manifest.json}): what it is and what it learned
 * from. Its weights are {@code critics/cN/weights.bin}.
 *
 * @param version "c0", "c1", ...
 * @param architecture the network, e.g. "mlp(425->64->1) over listwise26+minilm384-..."
 * @param hidden the hidden layer sizes
 * @param training the training config (imitation: listwise softmax cross-entropy)
 * @param metrics one entry per epoch, on the training examples
 * @param validation the last epoch's network on the examples held back (null when none were)
 * @param runId the run id of the searched episodes whose trees it learned from
 * @param policy the policy that proposed and rolled out in those episodes
 * @param budget the search budget of those episodes (alpha = 1: no critic biased them)
 * @param tasks how many train tasks were searched
 * @param interactions environment steps the searches spent, summed over the episodes
 * @param data the store keys of the trees it learned from
 * @param examples listwise examples trained on
 * @param heldBack examples held back for validation
 * @param skipped expanded nodes that gave no example, by reason
 * @param leastGap the least Q_mcts gap of an example's best proposal over the next
 * @param validationShare the share of trees held back for validation
 * @param likelihoodAccuracy on the held-back examples: how often the proposal with the highest
 *     behaviour log-likelihood is the best (the proposer's own ranking), for comparison
 * @param chanceAccuracy on the held-back examples: a uniform pick's expected accuracy
 */
public record CriticVersion(
    String version,
    String description,
    String architecture,
    List<Integer> hidden,
    TrainingConfig training,
    List<EpochMetrics> metrics,
    EpochMetrics validation,
    String runId,
    String policy,
    String budget,
    int tasks,
    long interactions,
    List<String> data,
    int examples,
    int heldBack,
    Map<String, Integer> skipped,
    double leastGap,
    double validationShare,
    double likelihoodAccuracy,
    double chanceAccuracy,
    String createdAt)
    implements ModelVersions.Manifest {
  public CriticVersion {
    hidden = List.copyOf(hidden);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    data = data == null ? List.of() : List.copyOf(data);
    skipped = skipped == null ? Map.of() : Map.copyOf(skipped);
  }

  /** Whether this critic was trained on the critic feature layout {@code layout}. */
  public boolean readableBy(String layout) {
    return architecture.endsWith(" over " + layout);
  }

  /** Whether this critic was trained exactly as {@code spec} asks (a rerun finds it). */
  public boolean trainedAs(CriticTraining.Spec spec, String architecture) {
    return runId.equals(spec.runId())
        && policy.equals(spec.policy())
        && budget.equals(spec.budget())
        && tasks == spec.tasks()
        && data.equals(spec.trees())
        && hidden.equals(spec.hidden())
        && training.equals(spec.config())
        && leastGap == spec.leastGap()
        && validationShare == spec.validationShare()
        && this.architecture.equals(architecture);
  }
}
