package io.agentq.workflows.training;

import io.agentq.core.training.TrainingSpec;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Locale;

/** A training round as a short durable script; all the work is in trainer activities. */
public final class TrainingRoundWorkflowImpl implements TrainingRoundWorkflow {
  // Training runs for minutes; a dead worker is noticed by its missing heartbeat within 30 s, and
  // the retry (on any trainer worker) resumes from the last epoch saved in the store.
  private final TrainerActivities training =
      Workflow.newActivityStub(
          TrainerActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.TRAINER)
              .setStartToCloseTimeout(Duration.ofHours(6))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumAttempts(5)
                      .setDoNotRetry(
                          "io.agentq.core.InputException",
                          "io.agentq.core.training.TrainingDiverged")
                      .build())
              .build());

  // Evaluations, reports and promotion are quick and idempotent (finished episodes are read back).
  private final TrainerActivities quick =
      Workflow.newActivityStub(
          TrainerActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.TRAINER)
              .setStartToCloseTimeout(Duration.ofHours(2))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumAttempts(5)
                      .setDoNotRetry("io.agentq.core.InputException")
                      .build())
              .build());

  @Override
  public RoundResult run(RoundRequest r) {
    try {
      RoundResult result = round(r);
      Visibility.close(Visibility.DONE);
      return result;
    } catch (TemporalFailure e) {
      Visibility.closeFailed(e);
      throw e;
    }
  }

  private RoundResult round(RoundRequest r) {
    String version = quick.allocateVersion(r.roundId());
    Visibility.open(null, null, version);
    TrainerActivities.Trained trained =
        training.train(
            new TrainingSpec(
                "rounds/" + r.roundId() + "/training",
                version,
                r.method(),
                r.description(),
                r.parent(),
                r.hidden(),
                r.temperature(),
                r.config(),
                r.data(),
                r.pairsPerTask(),
                r.layout()));
    EvalSummary candidate = quick.evaluate(evaluate(r, version));
    EvalSummary current = r.current() == null ? null : quick.evaluate(evaluate(r, r.current()));
    boolean promote = r.promotes() && Promotion.notWorse(candidate, current, r.promotionMargin());
    if (promote) {
      quick.promote(
          version,
          String.format(
              Locale.ROOT,
              "round %s: dev success %d/%d%s",
              r.roundId(),
              candidate.successes(),
              candidate.tasks(),
              current == null
                  ? " (no current version)"
                  : String.format(
                      Locale.ROOT,
                      " vs %s %d/%d, margin %.3f",
                      r.current(),
                      current.successes(),
                      current.tasks(),
                      r.promotionMargin())));
    }
    int resumed = trained.resumedAfterEpoch();
    RoundResult result = new RoundResult(version, resumed, candidate, current, promote, null);
    String report = quick.report(r.roundId(), r, result);
    return new RoundResult(version, resumed, candidate, current, promote, report);
  }

  /** A policy's dev evaluation is kept per policy and settings: a later round reads it back. */
  private static TrainerActivities.Evaluate evaluate(RoundRequest r, String policy) {
    RoundRequest.DevEvaluation dev = r.dev();
    return new TrainerActivities.Evaluate(
        "evals/" + policy + "/dev-n" + dev.tasks() + "-T" + dev.maxSteps() + "-s" + dev.seed(),
        policy,
        "dev",
        dev.tasks(),
        dev.maxSteps(),
        dev.seed());
  }
}
