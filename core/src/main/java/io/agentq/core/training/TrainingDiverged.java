package io.agentq.core.training;

/** A run whose loss stopped being finite or exploded; the last good epoch is kept in the store. */
public final class TrainingDiverged extends RuntimeException {
  public TrainingDiverged(String message) {
    super(message);
  }
}
