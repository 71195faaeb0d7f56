package io.agentq.workflows.training;

import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The trainer's side of a round, on task queue {@link
 * io.agentq.workflows.search.TaskQueues#TRAINER} so that a GPU worker can take it. Inputs and
 * outputs are keys and small values.
 */
@ActivityInterface(namePrefix = "Trainer")
public interface TrainerActivities {
  /** The version name of a round: chosen once and recorded, so a retried round reuses it. */
  String allocateVersion(String roundId);

  /** A stored version's metrics. */
  record Trained(String version, List<EpochMetrics> metrics, int examples, int resumedAfterEpoch) {
    public Trained {
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * Trains, saving every epoch to the store and heartbeating with its key; after a worker died it
   * resumes from the last saved epoch read from the store.
   */
  Trained train(TrainingSpec request);

  void promote(String version, String reason);

  /** Writes the round's report (JSON and Markdown); returns the JSON's key. */
  String report(String roundId, RoundRequest request, RoundResult result);
}
