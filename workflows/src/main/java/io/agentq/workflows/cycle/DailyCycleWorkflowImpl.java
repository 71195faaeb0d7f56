package io.agentq.workflows.cycle;

import io.agentq.core.StoreKeys;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.DataSet;
import io.agentq.core.training.Objective;
import io.agentq.core.training.TrainingConfig;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.Evaluations;
import io.agentq.workflows.search.ActivityStubs;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.training.Promotion;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import io.agentq.workflows.training.TrainerActivities;
import io.agentq.workflows.training.TrainingRoundWorkflow;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A daily cycle as a thin durable script: children and activities do the work, and the cycle's
 * record goes to the store after every step, so that the same cycle started again (after the
 * embedded service lost everything) shows finished steps as cached and goes on from the first one
 * not finished; inside a step, episodes are read back from their manifests and training resumes
 * from its saved epochs.
 */
public final class DailyCycleWorkflowImpl implements DailyCycleWorkflow {
  private final CycleActivities store =
      ActivityStubs.of(CycleActivities.class, TaskQueues.WORKFLOW, Duration.ofMinutes(30));

  // Evaluations (finished episodes are read back) and the promotion, on the trainer's queue.
  private final TrainerActivities trainer =
      ActivityStubs.of(TrainerActivities.class, TaskQueues.TRAINER, Duration.ofHours(2));

  private CycleRecord record;

  /** Set when an operator's cancel was seen: no step or episode starts after it. */
  private boolean cancelled;

  @Override
  public CycleRecord progress() {
    return record;
  }

  @Override
  public CycleRecord run(CycleRequest asked) {
    try {
      CycleRequest r =
          asked.resolved() ? asked : store.resolve(asked, Workflow.getInfo().getWorkflowId());
      Visibility.open(r.environment(), r.cycleId(), r.parent());
      record = resumed(store.begin(r));
      store.save(record);
      step(CycleStep.COLLECT, () -> collect(r));
      step(CycleStep.PAIRS, () -> pairs(r));
      step(CycleStep.TRAIN, () -> train(r));
      step(CycleStep.EVALUATE, () -> evaluate(r));
      step(CycleStep.PROMOTE, () -> promote(r));
      step(CycleStep.REPORT, () -> report(r));
    } catch (TemporalFailure e) {
      Visibility.closeFailed(e);
      throw e;
    }
    Visibility.close(cancelled ? Visibility.CANCELLED : Visibility.DONE);
    return record;
  }

  /**
   * A stored record as this run starts from it: steps an earlier run finished are cached; a step it
   * left running or failed runs again (its finished parts are read back).
   */
  private static CycleRecord resumed(CycleRecord stored) {
    CycleRecord out = stored;
    for (StepState s : stored.steps()) {
      if (s.finished()) {
        out = out.with(s.cached());
      } else if (!s.status().equals(StepState.PENDING)) {
        out = out.with(StepState.pending(s.step()));
      }
    }
    return out;
  }

  private void step(CycleStep s, Supplier<String> body) {
    if (record.step(s).finished() || cancelled) {
      return;
    }
    if (store.cancelRequested(record.request().cycleId())) {
      cancelled = true;
      record =
          record.with(
              record.step(s).cancelled(Workflow.currentTimeMillis(), "cancelled before it"));
      store.save(record);
      return;
    }
    record = record.with(record.step(s).running(Workflow.currentTimeMillis()));
    store.save(record);
    String summary;
    try {
      summary = body.get();
    } catch (TemporalFailure e) {
      record = record.with(record.step(s).failed(Workflow.currentTimeMillis(), why(e)));
      store.save(record);
      throw e;
    }
    record =
        record.with(
            cancelled
                ? record.step(s).cancelled(Workflow.currentTimeMillis(), summary)
                : record.step(s).done(Workflow.currentTimeMillis(), summary));
    store.save(record);
  }

  /** The innermost message of a failure: what an operator reads in status. */
  private static String why(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.failure.ApplicationFailure f) {
        message = f.getOriginalMessage();
      }
    }
    return message;
  }

  /**
   * The collect workflow as a child (searched train episodes until the budget; it continues as new
   * as it goes), then what it took stored.
   */
  private String collect(CycleRequest r) {
    CollectWorkflow child =
        Workflow.newChildWorkflowStub(
            CollectWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(CycleRequest.workflowId(r.cycleId()) + "-collect")
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setTypedSearchAttributes(Visibility.inherited())
                .build());
    Collection c = child.run(Collection.start(r));
    if (c.cancelled()) {
      cancelled = true;
      return String.format(
          Locale.ROOT,
          "cancelled after %d searched episodes (%d interactions); resume continues",
          c.done(),
          c.spent() + c.overrun());
    }
    CycleRecord.Collected collected =
        store.collected(
            r.cycleId(),
            c.trees(),
            store.trainTasks(r.cycleId(), r.environment(), 0, c.taken()),
            c.successes(),
            c.spent(),
            c.overrun());
    record = record.withCollected(collected);
    return String.format(
        Locale.ROOT,
        "%d searched train episodes with %s backing up %s, %d successes, %d interactions"
            + " (budget %d%s)%s",
        collected.episodes(),
        r.parent(),
        backedUp(r),
        collected.successes(),
        collected.interactions(),
        r.budget(),
        collected.overrun() > 0
            ? ", " + collected.overrun() + " more spent by episodes running at the end"
            : "",
        c.runs() > 1 ? "; collected in " + c.runs() + " workflow runs" : "");
  }

  private String pairs(CycleRequest r) {
    CycleRecord.PairsMade p = store.pairs(r, record.collected().treesKey());
    record = record.withPairs(p);
    return String.format(
        Locale.ROOT,
        "%d pairs from this cycle's trees (mean Q gap %.3f, %.0f%% decided by the critic alone);"
            + " replay buffer %d pairs from %d earlier cycles",
        p.pairs(),
        p.meanGap(),
        100 * p.criticOnly(),
        p.bufferPairs(),
        p.bufferCycles().size());
  }

  /** The round id of a cycle's training: its key prefix under {@code rounds/}. */
  public static String roundId(String cycleId) {
    return "cycle-" + cycleId;
  }

  private String train(CycleRequest r) {
    CycleRecord.PairsMade p = record.pairs();
    TrainingConfig t = r.training();
    List<DataSet> data = new ArrayList<>();
    if (r.trainsOnPairs()) {
      data.add(DataSet.listed(DataKind.NODE_PAIRS, p.pairFilesKey()));
    }
    if (t.objective() == Objective.SEARCH) {
      data.add(DataSet.listed(DataKind.SEARCH_TARGETS, p.treeFilesKey()));
      if (t.imitationWeight() > 0) {
        data.add(DataSet.listed(DataKind.SEARCH_PATHS, p.treeFilesKey()));
      }
    }
    String roundId = roundId(r.cycleId());
    TrainingRoundWorkflow round =
        Workflow.newChildWorkflowStub(
            TrainingRoundWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId("round-" + roundId)
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setTypedSearchAttributes(Visibility.inherited())
                .build());
    RoundResult result =
        round.run(
            new RoundRequest(
                roundId,
                "agentq-cycle",
                "Agent Q cycle "
                    + r.cycleId()
                    + " from "
                    + r.parent()
                    + ": the pairs and trees of "
                    + (p.bufferCycles().size() + 1)
                    + " cycles",
                r.parent(),
                r.parent(),
                r.hidden(),
                r.temperature(),
                t,
                data,
                0,
                new RoundRequest.DevEvaluation(r.devTasks(), r.maxSteps(), r.seed(), site(r)),
                r.promotionMargin(),
                null,
                false));
    record = record.withRound(result);
    return String.format(
        Locale.ROOT,
        "%s from %s (%s); dev %d/%d against %s's %d/%d",
        result.version(),
        r.parent(),
        t.describe(),
        result.dev().successes(),
        result.dev().tasks(),
        r.parent(),
        result.currentDev().successes(),
        result.currentDev().tasks());
  }

  /**
   * Held-out without search (the parent and the candidate) and with search, each an evaluation
   * workflow shared by id: a later cycle reads back its parent's evaluations.
   */
  private String evaluate(CycleRequest r) {
    if (!r.evaluates()) {
      return "no held-out evaluation asked (the ladder's rows evaluate its versions)";
    }
    String candidate = record.round().version();
    EvalSummary before = Evaluations.run(heldout(r, r.parent())).summary();
    EvalSummary after = Evaluations.run(heldout(r, candidate)).summary();
    EvalSummary beforeSearch = null;
    EvalSummary afterSearch = null;
    if (r.heldoutSearchTasks() > 0) {
      beforeSearch = Evaluations.run(searched(r, r.parent())).summary();
      afterSearch = Evaluations.run(searched(r, candidate)).summary();
    }
    record =
        record.withEvaluated(new CycleRecord.Evaluated(before, after, beforeSearch, afterSearch));
    return String.format(
        Locale.ROOT,
        "held-out without search %s %d/%d -> %s %d/%d%s",
        r.parent(),
        before.successes(),
        before.tasks(),
        candidate,
        after.successes(),
        after.tasks(),
        beforeSearch == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; with search backing up %s %d/%d -> %d/%d",
                backedUp(r),
                beforeSearch.successes(),
                beforeSearch.tasks(),
                afterSearch.successes(),
                afterSearch.tasks()));
  }

  /** What the cycle's searches back up, said beside their numbers. */
  static String backedUp(CycleRequest r) {
    return r.value() == null ? "the site's reward in a sandbox" : r.value() + "'s verdicts";
  }

  /** The cycle's site other than the shop (whose requests name none, as before), or null. */
  static String site(CycleRequest r) {
    return TaskQueues.environmentOf(r.environment()).equals(TaskQueues.SHOP)
        ? null
        : r.environment();
  }

  /** An evaluation's id on the cycle's site: the shop's as before, another site's suffixed. */
  private static String onSite(CycleRequest r, String id) {
    return StoreKeys.onSite(id, site(r));
  }

  private static EvaluationRequest heldout(CycleRequest r, String policy) {
    return EvaluationRequest.plain(
            onSite(
                r,
                StoreKeys.evaluation(policy, "heldout", r.heldoutTasks(), r.maxSteps(), r.seed())),
            policy,
            "heldout",
            r.heldoutTasks(),
            r.maxSteps(),
            r.seed(),
            r.window())
        .on(site(r));
  }

  /**
   * A policy with search on held-out tasks; the episodes' ids name the policy, critic and search,
   * so a later cycle reads back its parent's episodes instead of searching again.
   */
  private static EvaluationRequest searched(CycleRequest r, String policy) {
    SearchConfig c = r.search();
    String prefix =
        String.format(
                Locale.ROOT,
                "eval-%s-%s-i%d-k%d-a%.2f-T%d-s%d",
                policy,
                r.critic(),
                c.iterationsPerStep(),
                c.branching(),
                c.alpha(),
                c.maxDepth(),
                c.seed())
            .replaceAll("[^A-Za-z0-9._-]", "_");
    // a judge-valued search's episodes are kept apart from the site-valued ones'
    String valued = r.value() == null ? prefix : prefix + "-" + r.value().replace(':', '_');
    return EvaluationRequest.searched(
            onSite(r, valued), policy, r.critic(), c, "heldout", r.heldoutSearchTasks(), r.window())
        .on(site(r))
        .valuedBy(r.value());
  }

  private String promote(CycleRequest r) {
    RoundResult round = record.round();
    boolean promote = Promotion.notWorse(round.dev(), round.currentDev(), r.promotionMargin());
    String reason =
        String.format(
            Locale.ROOT,
            "cycle %s: dev %d/%d against %s's %d/%d, margin %.3f",
            r.cycleId(),
            round.dev().successes(),
            round.dev().tasks(),
            r.parent(),
            round.currentDev().successes(),
            round.currentDev().tasks(),
            r.promotionMargin());
    if (promote) {
      trainer.promote(round.version(), reason);
    }
    record = record.withPromoted(promote);
    return (promote ? "promoted " : "not promoted ") + round.version() + " (" + reason + ")";
  }

  private String report(CycleRequest r) {
    // The report reads the record from the store: save what the steps before it made.
    store.save(record);
    String key = store.report(r.cycleId());
    record = record.withReport(key);
    return key;
  }
}
