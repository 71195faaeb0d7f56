package io.agentq.workflows.cycle;

import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.DataSet;
import io.agentq.core.training.Objective;
import io.agentq.core.training.TrainingConfig;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.training.Promotion;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import io.agentq.workflows.training.TrainerActivities;
import io.agentq.workflows.training.TrainingRoundWorkflow;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A daily cycle as a thin durable script: children and activities do the work, and the cycle's
 * record goes to the store after every step, so that the same cycle started again (after the
 * embedded service lost everything) shows finished steps as cached and goes on from the first one
 * not finished; inside a step, episodes are read back from their manifests and training resumes
 * from its saved epochs.
 */
public final class DailyCycleWorkflowImpl implements DailyCycleWorkflow {
  /** Train tasks asked of the store at a time during collection. */
  static final int TASK_CHUNK = 64;

  private final CycleActivities store =
      Workflow.newActivityStub(
          CycleActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.WORKFLOW)
              .setStartToCloseTimeout(Duration.ofMinutes(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumAttempts(5)
                      .setDoNotRetry("io.agentq.core.InputException")
                      .build())
              .build());

  // Evaluations (finished episodes are read back) and the promotion, on the trainer's queue.
  private final TrainerActivities trainer =
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
   * Searched episodes over the cycle's train tasks, {@code window} at a time. The cycle's data is
   * the shortest prefix of its task order whose interactions reach the budget; results are taken in
   * task order, so the same cycle gives the same data however its children interleave.
   */
  private String collect(CycleRequest r) {
    List<Integer> tasks = new ArrayList<>();
    boolean exhausted = false;
    Map<Integer, Promise<EpisodeArtifacts>> running = new HashMap<>();
    int launched = 0;
    int done = 0;
    int spent = 0;
    int overrun = 0;
    int successes = 0;
    List<String> trees = new ArrayList<>();
    EpisodeRequest.Agents agents = new EpisodeRequest.Agents(r.parent(), r.critic());
    while (true) {
      while (spent < r.budget()
          && launched - done < Math.max(1, r.window())
          && !exhausted
          && !cancelled) {
        if (store.cancelRequested(r.cycleId())) {
          cancelled = true;
          break;
        }
        if (launched >= tasks.size()) {
          List<Integer> more = store.trainTasks(r.cycleId(), tasks.size(), TASK_CHUNK);
          if (more.isEmpty()) {
            exhausted = true;
            break;
          }
          tasks.addAll(more);
        }
        int task = tasks.get(launched);
        String episodeId = r.cycleId() + "-collect-t" + task;
        SearchEpisodeWorkflow child = episodeChild(episodeId);
        running.put(
            launched,
            Async.function(
                child::run, EpisodeRequest.of(episodeId, task, r.search()).with(agents)));
        launched++;
      }
      if (done == launched) {
        break;
      }
      EpisodeArtifacts a = running.remove(done).get();
      if (spent < r.budget()) {
        spent += a.summary().interactions();
        successes += a.summary().success() ? 1 : 0;
        trees.add(a.treeKey());
      } else {
        overrun += a.summary().interactions();
      }
      done++;
    }
    if (cancelled) {
      return String.format(
          Locale.ROOT,
          "cancelled after %d searched episodes (%d interactions); resume continues",
          done,
          spent + overrun);
    }
    CycleRecord.Collected c =
        store.collected(r.cycleId(), trees, tasks.subList(0, launched), successes, spent, overrun);
    record = record.withCollected(c);
    return String.format(
        Locale.ROOT,
        "%d searched train episodes with %s, %d successes, %d interactions (budget %d%s)",
        c.episodes(),
        r.parent(),
        c.successes(),
        c.interactions(),
        r.budget(),
        c.overrun() > 0 ? ", " + c.overrun() + " more spent by episodes running at the end" : "");
  }

  private static SearchEpisodeWorkflow episodeChild(String episodeId) {
    return Workflow.newChildWorkflowStub(
        SearchEpisodeWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(episodeId)
            .setTaskQueue(TaskQueues.WORKFLOW)
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .setTypedSearchAttributes(Visibility.inherited())
            .build());
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
    data.add(DataSet.listed(DataKind.NODE_PAIRS, p.pairFilesKey()));
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
                new RoundRequest.DevEvaluation(r.devTasks(), r.maxSteps(), r.seed()),
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

  private String evaluate(CycleRequest r) {
    String candidate = record.round().version();
    EvalSummary before = trainer.evaluate(heldout(r, r.parent()));
    EvalSummary after = trainer.evaluate(heldout(r, candidate));
    EvalSummary beforeSearch = null;
    EvalSummary afterSearch = null;
    if (r.heldoutSearchTasks() > 0) {
      List<Integer> tasks = store.splitTasks("heldout", r.heldoutSearchTasks());
      beforeSearch = searched(r, r.parent(), tasks);
      afterSearch = searched(r, candidate, tasks);
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
                "; with search %d/%d -> %d/%d",
                beforeSearch.successes(),
                beforeSearch.tasks(),
                afterSearch.successes(),
                afterSearch.tasks()));
  }

  private static TrainerActivities.Evaluate heldout(CycleRequest r, String policy) {
    return new TrainerActivities.Evaluate(
        "evals/" + policy + "/heldout-n" + r.heldoutTasks() + "-T" + r.maxSteps() + "-s" + r.seed(),
        policy,
        "heldout",
        r.heldoutTasks(),
        r.maxSteps(),
        r.seed());
  }

  /**
   * A policy with search on held-out tasks, each episode a child; its ids name the policy, critic
   * and search, so a later cycle reads back its parent's episodes instead of searching again.
   */
  private EvalSummary searched(CycleRequest r, String policy, List<Integer> tasks) {
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
    EpisodeRequest.Agents agents = new EpisodeRequest.Agents(policy, r.critic());
    List<Promise<EpisodeArtifacts>> all = new ArrayList<>();
    int successes = 0;
    double score = 0;
    int steps = 0;
    int interactions = 0;
    int window = Math.max(1, r.window());
    for (int i = 0; i < tasks.size(); i++) {
      String id = prefix + "-t" + tasks.get(i);
      EpisodeRequest request = EpisodeRequest.of(id, tasks.get(i), c).with(agents);
      all.add(Async.function(DailyCycleWorkflowImpl::sharedEpisode, request));
      if (all.size() - countDone(all) >= window) {
        Promise.anyOf(pendingOf(all)).get();
      }
    }
    for (Promise<EpisodeArtifacts> p : all) {
      EpisodeArtifacts a = p.get();
      successes += a.summary().success() ? 1 : 0;
      score += a.summary().score();
      steps += a.summary().steps();
      interactions += a.summary().interactions();
    }
    int n = tasks.size();
    return new EvalSummary(
        policy,
        "heldout+mcts",
        n,
        successes,
        n == 0 ? 0 : score / n,
        n == 0 ? 0 : (double) steps / n,
        interactions,
        prefix);
  }

  /**
   * An episode whose id other cycles use too (a policy's searched held-out episodes): when another
   * cycle runs it right now, wait and start it again, and it is read back from its manifest once
   * finished (never run twice).
   */
  private static EpisodeArtifacts sharedEpisode(EpisodeRequest request) {
    while (true) {
      try {
        return episodeChild(request.episodeId()).run(request);
      } catch (ChildWorkflowFailure f) {
        if (!(f.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw f;
        }
        Workflow.sleep(Duration.ofSeconds(5));
      }
    }
  }

  private static int countDone(List<Promise<EpisodeArtifacts>> all) {
    int n = 0;
    for (Promise<EpisodeArtifacts> p : all) {
      n += p.isCompleted() ? 1 : 0;
    }
    return n;
  }

  private static List<Promise<EpisodeArtifacts>> pendingOf(List<Promise<EpisodeArtifacts>> all) {
    List<Promise<EpisodeArtifacts>> out = new ArrayList<>();
    for (Promise<EpisodeArtifacts> p : all) {
      if (!p.isCompleted()) {
        out.add(p);
      }
    }
    return out;
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
