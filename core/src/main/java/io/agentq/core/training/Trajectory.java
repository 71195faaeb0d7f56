package io.agentq.core.training;

import java.util.List;

/**
 * An episode as training data: every step's page (by observation key), the history before it, the
 * command taken and its behaviour log-likelihood (temperature 1, under the policy that acted).
 * Demonstrations (BC), the policy's own successes (RFT) and outcome DPO's pairs are read from
 * these.
 *
 * @param taskId the goal's index in the task file
 * @param target the target product of the task (to prove no held-out product reaches training)
 * @param interactions environment steps this trajectory cost
 */
public record Trajectory(
    String episodeId,
    String taskId,
    String target,
    String instruction,
    String policy,
    boolean success,
    double score,
    int interactions,
    List<Step> steps) {
  public Trajectory {
    steps = List.copyOf(steps);
  }

  /** One decision: on the page stored under {@code observationKey}, {@code command} was taken. */
  public record Step(
      String observationKey, List<String> history, String command, double logLikelihood) {
    public Step {
      history = List.copyOf(history);
    }
  }

  /** log pi_behaviour(trajectory): the sum of its steps' log-likelihoods. */
  public double logLikelihood() {
    return steps.stream().mapToDouble(Step::logLikelihood).sum();
  }
}
