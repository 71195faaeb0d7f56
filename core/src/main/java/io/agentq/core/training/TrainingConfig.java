package io.agentq.core.training;

import java.util.Locale;

/**
 * How a policy is trained; every field is recorded with the policy version it produced.
 *
 * @param objective imitation (BC, RFT) or DPO (outcome, Agent Q)
 * @param epochs passes over the data (default 8)
 * @param batchSize decisions (imitation) or pairs (DPO) per gradient step (default 32)
 * @param learningRate Adam's step size (default 1e-3); Adam restarts at every epoch, so that an
 *     epoch's saved weights are the whole state of a run and a resumed run equals an unbroken one
 * @param beta DPO's inverse temperature (default 0.1)
 * @param imitationWeight lambda of the optional NLL term on the preferred side in DPO (default 0)
 * @param divergenceLimit a batch loss above this (or not finite) stops the run (default 1e4)
 * @param seed initial weights and the order of the examples in every epoch
 */
public record TrainingConfig(
    Objective objective,
    int epochs,
    int batchSize,
    double learningRate,
    double beta,
    double imitationWeight,
    double divergenceLimit,
    long seed) {
  public TrainingConfig {
    require(objective != null, "an objective must be given");
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
    require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0");
    require(beta > 0 && Double.isFinite(beta), "beta must be > 0");
    require(imitationWeight >= 0, "imitation weight must not be negative");
    require(divergenceLimit > 0, "divergence limit must be > 0");
  }

  public static TrainingConfig imitation() {
    return new TrainingConfig(Objective.IMITATION, 8, 32, 1e-3, 0.1, 0, 1e4, 1);
  }

  public static TrainingConfig dpo() {
    return new TrainingConfig(Objective.DPO, 8, 32, 1e-3, 0.1, 0, 1e4, 1);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(
        objective, e, batchSize, learningRate, beta, imitationWeight, divergenceLimit, seed);
  }

  public TrainingConfig withLearningRate(double lr) {
    return new TrainingConfig(
        objective, epochs, batchSize, lr, beta, imitationWeight, divergenceLimit, seed);
  }

  public TrainingConfig withBeta(double b) {
    return new TrainingConfig(
        objective, epochs, batchSize, learningRate, b, imitationWeight, divergenceLimit, seed);
  }

  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(
        objective, epochs, batchSize, learningRate, beta, imitationWeight, divergenceLimit, s);
  }

  public TrainingConfig withImitationWeight(double w) {
    return new TrainingConfig(
        objective, epochs, batchSize, learningRate, beta, w, divergenceLimit, seed);
  }

  /** One line for reports. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s epochs=%d batch=%d lr=%g beta=%.2f lambda=%.2f seed=%d",
        objective.name().toLowerCase(Locale.ROOT),
        epochs,
        batchSize,
        learningRate,
        beta,
        imitationWeight,
        seed);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("training config: " + what);
    }
  }
}
