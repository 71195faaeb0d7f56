package io.agentq.workflows.training;

import io.agentq.core.StoreKeys;
import io.agentq.core.training.TrainingSpec;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.Evaluations;
import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
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
          ActivityStubs.options(
                  TaskQueues.TRAINER,
                  Duration.ofHours(6),
                  "io.agentq.core.training.TrainingDiverged")
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .build());

  // Evaluations, reports and promotion are quick and idempotent (finished episodes are read back).
  private final TrainerActivities quick =
      ActivityStubs.of(TrainerActivities.class, TaskQueues.TRAINER, Duration.ofHours(2));

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
                StoreKeys.roundTraining(r.roundId()),
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
    EvalSummary candidate = Evaluations.run(dev(r, version)).summary();
    EvalSummary current =
        r.current() == null ? null : Evaluations.run(dev(r, r.current())).summary();
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

  /**
   * A policy's dev evaluation (an evaluation workflow) is kept per policy and settings: a later
   * round reads it back.
   */
  private static EvaluationRequest dev(RoundRequest r, String policy) {
    RoundRequest.DevEvaluation dev = r.dev();
    String key = StoreKeys.evaluation(policy, "dev", dev.tasks(), dev.maxSteps(), dev.seed());
    return EvaluationRequest.plain(
            StoreKeys.onSite(key, dev.environment()),
            policy,
            "dev",
            dev.tasks(),
            dev.maxSteps(),
            dev.seed(),
            0)
        .on(dev.environment());
  }
}
