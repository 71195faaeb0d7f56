package io.agentq.core.training;

import java.util.Locale;

/**
 * How a policy is trained; every field is recorded with the policy version it produced.
 *
 * @param objective imitation (BC, RFT), DPO (outcome, Agent Q) or search (pairs, soft targets and
 *     imitation of a searched round, mixed)
 * @param epochs passes over the data (default 8)
 * @param batchSize decisions (imitation), pairs (DPO) or examples of any kind (search) per gradient
 *     step (default 32)
 * @param learningRate Adam's step size (default 1e-3); Adam restarts at every epoch, so that an
 *     epoch's saved weights are the whole state of a run and a resumed run equals an unbroken one
 * @param beta DPO's inverse temperature (default 0.1)
 * @param imitationWeight lambda of the NLL term (default 0): in DPO on the preferred side of each
 *     pair, in search on the imitation decisions given with the run (the committed path)
 * @param softWeight weight of the cross-entropy to soft targets in the search objective (default
 *     1); 0 for the other objectives, which read no soft targets (a config stored before this field
 *     existed lacks it and reads 0, the same)
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
    double softWeight,
    double divergenceLimit,
    long seed) {
  public TrainingConfig {
    require(objective != null, "an objective must be given");
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
    require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0");
    require(beta > 0 && Double.isFinite(beta), "beta must be > 0");
    require(
        imitationWeight >= 0 && Double.isFinite(imitationWeight),
        "imitation weight must be finite and not negative");
    require(
        softWeight >= 0 && Double.isFinite(softWeight),
        "soft-target weight must be finite and not negative");
    require(
        objective == Objective.SEARCH || softWeight == 0,
        "a soft-target weight (" + softWeight + ") needs the search objective, not " + objective);
    require(divergenceLimit > 0, "divergence limit must be > 0");
  }

  /** A config without soft targets: the soft weight is 1 for search, else 0. */
  public TrainingConfig(
      Objective objective,
      int epochs,
      int batchSize,
      double learningRate,
      double beta,
      double imitationWeight,
      double divergenceLimit,
      long seed) {
    this(
        objective,
        epochs,
        batchSize,
        learningRate,
        beta,
        imitationWeight,
        objective == Objective.SEARCH ? 1 : 0,
        divergenceLimit,
        seed);
  }

  public static TrainingConfig imitation() {
    return new TrainingConfig(Objective.IMITATION, 8, 32, 1e-3, 0.1, 0, 0, 1e4, 1);
  }

  public static TrainingConfig dpo() {
    return new TrainingConfig(Objective.DPO, 8, 32, 1e-3, 0.1, 0, 0, 1e4, 1);
  }

  /** The search objective: DPO weight 1, soft-target weight 1, no NLL term. */
  public static TrainingConfig search() {
    return new TrainingConfig(Objective.SEARCH, 8, 32, 1e-3, 0.1, 0, 1, 1e4, 1);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(
        objective,
        e,
        batchSize,
        learningRate,
        beta,
        imitationWeight,
        softWeight,
        divergenceLimit,
        seed);
  }

  public TrainingConfig withLearningRate(double lr) {
    return new TrainingConfig(
        objective, epochs, batchSize, lr, beta, imitationWeight, softWeight, divergenceLimit, seed);
  }

  public TrainingConfig withBeta(double b) {
    return new TrainingConfig(
        objective,
        epochs,
        batchSize,
        learningRate,
        b,
        imitationWeight,
        softWeight,
        divergenceLimit,
        seed);
  }

  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(
        objective,
        epochs,
        batchSize,
        learningRate,
        beta,
        imitationWeight,
        softWeight,
        divergenceLimit,
        s);
  }

  public TrainingConfig withImitationWeight(double w) {
    return new TrainingConfig(
        objective, epochs, batchSize, learningRate, beta, w, softWeight, divergenceLimit, seed);
  }

  public TrainingConfig withSoftWeight(double w) {
    return new TrainingConfig(
        objective,
        epochs,
        batchSize,
        learningRate,
        beta,
        imitationWeight,
        w,
        divergenceLimit,
        seed);
  }

  public TrainingConfig withBatchSize(int b) {
    return new TrainingConfig(
        objective,
        epochs,
        b,
        learningRate,
        beta,
        imitationWeight,
        softWeight,
        divergenceLimit,
        seed);
  }

  /** One line for reports. */
  public String describe() {
    String line =
        String.format(
            Locale.ROOT,
            "%s epochs=%d batch=%d lr=%g beta=%.2f lambda=%.2f seed=%d",
            objective.name().toLowerCase(Locale.ROOT),
            epochs,
            batchSize,
            learningRate,
            beta,
            imitationWeight,
            seed);
    return objective == Objective.SEARCH
        ? line + String.format(Locale.ROOT, " soft=%.2f", softWeight)
        : line;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("training config: " + what);
    }
  }
}
