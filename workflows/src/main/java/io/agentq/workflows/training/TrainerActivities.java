package io.agentq.workflows.training;

import io.agentq.core.training.DataKind;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
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

  /**
   * What to train: the round's request with its version name.
   *
   * @param runKey where the run saves its epochs (the heartbeats carry only the last one's key)
   */
  record Train(
      String runKey,
      String version,
      String method,
      String description,
      String parent,
      List<Integer> hidden,
      double temperature,
      TrainingConfig config,
      DataKind kind,
      List<String> data,
      int pairsPerTask) {
    public Train {
      hidden = List.copyOf(hidden);
      data = List.copyOf(data);
    }
  }

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
  Trained train(Train request);

  /**
   * A policy on the first {@code tasks} of a split, without search; episodes kept and read back.
   */
  record Evaluate(
      String evalKey, String policy, String split, int tasks, int maxSteps, long seed) {}

  EvalSummary evaluate(Evaluate request);

  void promote(String version, String reason);

  /** Writes the round's report (JSON and Markdown); returns the JSON's key. */
  String report(String roundId, RoundRequest request, RoundResult result);
}
