package io.agentq.workflows.search;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.MctsEpisode;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The MCTS loop and the tree live here, in workflow code ({@link MctsEpisode} is pure and takes its
 * randomness from the request's seed); expansion, sandbox steps, the live commit, checkpoints and a
 * failed episode's trace are activities. The history carries keys and small values: checkpoints
 * send only what changed, and a continued run starts from a checkpoint key.
 */
public final class SearchEpisodeWorkflowImpl implements SearchEpisodeWorkflow {
  /** Nodes read back per activity when a run resumes from a checkpoint: small payloads. */
  static final int LOAD_CHUNK = 40;

  /** The change id of tracing a failed episode's committed path (workflows before it: none). */
  static final String TRACE_FAILED = "trace-failed-episode";

  /**
   * For steps that are safe to repeat: retried every few seconds (within each call's
   * schedule-to-close bound) until they succeed, except on bad input.
   */
  private static final RetryOptions UNTIL_DONE =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setMaximumInterval(Duration.ofSeconds(5))
          .setMaximumAttempts(0)
          .setDoNotRetry(SearchEpisodeWorkflow.BAD_INPUT)
          .build();

  // Artifact reads and writes are idempotent gets and puts under deterministic keys, done by the
  // workflow worker itself (its queue is the workflow's): local activities, no round trip.
  private final ArtifactActivities artifacts =
      Workflow.newLocalActivityStub(
          ArtifactActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(10).build())
              .build());

  private static boolean shouldContinueAsNew(EpisodeRequest request) {
    int max = request.orchestration().maxHistoryEvents();
    return Workflow.getInfo().isContinueAsNewSuggested()
        || (max > 0 && Workflow.getInfo().getHistoryLength() > max);
  }

  private String phase = Progress.STARTING;

  /** The search, once it has started: what a progress query reads. */
  private MctsEpisode episode;

  /** The episode's summary once it is done (also when read back finished). */
  private EpisodeSummary finished;

  @Override
  public Progress progress() {
    EpisodeSummary s = finished != null ? finished : episode == null ? null : episode.soFar();
    if (s == null) {
      return new Progress(phase, 1, 0, 0, 0, List.of());
    }
    boolean searching = phase.equals(Progress.SEARCHING);
    return new Progress(
        phase,
        s.steps() + (searching ? 1 : 0),
        searching ? episode.iterationsAtStep() : 0,
        s.iterations(),
        s.interactions(),
        s.actions());
  }

  @Override
  public EpisodeArtifacts run(EpisodeRequest request) {
    Visibility.open(request.environment(), null, request.agents().policy());
    try {
      EpisodeArtifacts done = search(request);
      finished = done.summary();
      phase = Progress.FINISHED;
      Visibility.close(done.summary().success() ? Visibility.SUCCESS : Visibility.FAILURE);
      return done;
    } catch (TemporalFailure e) {
      Visibility.closeFailed(e);
      throw e;
    }
  }

  private EpisodeArtifacts search(EpisodeRequest request) {
    String from = request.resumeFrom();
    int resumedFrom = request.resumedFromIteration();
    if (from == null) {
      ArtifactActivities.Begin begin = artifacts.begin(request);
      if (begin.finished() != null) {
        return begin.finished(); // a finished episode is read back, never run again
      }
      from = begin.checkpointKey();
    }
    TreeSnapshot resume = from == null ? null : load(from);
    if (resume != null && request.resumeFrom() == null) {
      resumedFrom = resume.iterations();
    }
    CheckpointChain chain =
        new CheckpointChain(request.episodeId(), Workflow.getInfo().getRunId(), from, artifacts);
    ActivitySearchSteps steps =
        new ActivitySearchSteps(
            request,
            sandbox(request),
            lookups(request),
            commitOnce(request),
            policy(request),
            chain::append,
            () -> shouldContinueAsNew(request));
    if (resume != null) {
      steps.resumeWith(resume.instruction());
    }
    episode = new MctsEpisode(request.episodeId(), request.config(), steps, request.forcedSteps());
    phase = Progress.SEARCHING;
    MctsEpisode.Result result = episode.run(resume);
    if (result.paused()) {
      // Options given, none set: the SDK then carries the search attributes to the next run.
      Workflow.continueAsNew(
          ContinueAsNewOptions.newBuilder().build(),
          request.continuedFrom(chain.head(), resumedFrom));
    }
    phase = Progress.WRITING;
    EpisodeArtifacts done = artifacts.writeEpisode(request.episodeId(), chain.head(), resumedFrom);
    if (!done.summary().success()) {
      trace(request, done);
    }
    return done;
  }

  /**
   * A failed episode's committed path walked again from its start page, in its sandbox session,
   * with a Playwright trace on ({@code episodes/{id}/trace.zip}, Chromium only). Not a recording of
   * the search itself: that is hundreds of short browser contexts, one per sandbox step, and the
   * live session sees only the irreversible request; tracing them all would cost every episode,
   * successful or not. A successful episode makes no trace; a trace that cannot be made is logged
   * and does not fail the episode.
   */
  private static void trace(EpisodeRequest request, EpisodeArtifacts done) {
    if (Workflow.getVersion(TRACE_FAILED, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return; // an episode that failed before traces were made replays as it ran
    }
    try {
      tracer(request)
          .trace(
              new EnvironmentActivities.Trace(
                  request.environment(),
                  request.episodeId(),
                  request.taskId(),
                  done.summary().actions()));
    } catch (ActivityFailure e) {
      Workflow.getLogger(SearchEpisodeWorkflowImpl.class)
          .warn("episode {}: no Playwright trace: {}", request.episodeId(), e.getMessage());
    }
  }

  /** The checkpoint's tree, read back in small pieces. */
  private TreeSnapshot load(String key) {
    List<TreeSnapshot.Node> nodes = new ArrayList<>();
    TreeSnapshot part;
    do {
      part = artifacts.loadNodes(key, nodes.size(), LOAD_CHUNK);
      nodes.addAll(part.nodes());
    } while (part.nodes().size() == LOAD_CHUNK);
    return part.withNodes(nodes);
  }

  // Sandbox steps are safe to retry (nothing is recorded there). Local when the browser lives in
  // this worker's process (no round trip); else on the browser queue, where the timeout is how
  // long a dead browser worker goes unnoticed.
  private static EnvironmentActivities sandbox(EpisodeRequest r) {
    if (r.orchestration().localSteps()) {
      return Workflow.newLocalActivityStub(
          EnvironmentActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(r.orchestration().stepTimeoutSeconds()))
              .setScheduleToCloseTimeout(Duration.ofMinutes(30))
              .setRetryOptions(UNTIL_DONE)
              .build());
    }
    return lookups(r);
  }

  // Asking the live site by key is read-only: retried until the site answers and the key is no
  // longer in progress. Never local: it follows an irreversible action's failure.
  private static EnvironmentActivities lookups(EpisodeRequest r) {
    return Workflow.newActivityStub(
        EnvironmentActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.browser(r.environment()))
            .setStartToCloseTimeout(Duration.ofSeconds(r.orchestration().stepTimeoutSeconds()))
            .setScheduleToCloseTimeout(Duration.ofMinutes(30))
            .setRetryOptions(UNTIL_DONE)
            .build());
  }

  // An irreversible action gets exactly one attempt: its outcome is then learned by key, never by
  // acting again.
  private static EnvironmentActivities commitOnce(EpisodeRequest r) {
    return Workflow.newActivityStub(
        EnvironmentActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.browser(r.environment()))
            .setStartToCloseTimeout(Duration.ofSeconds(r.orchestration().commitTimeoutSeconds()))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  // A trace is an aid, not the episode's outcome: one retry (a browser that died under it), and
  // never a long wait for a browser worker that is gone; then the episode ends without it. It walks
  // at most T steps, as a sandbox step with its rollout does within one step timeout.
  private static EnvironmentActivities tracer(EpisodeRequest r) {
    Duration step = Duration.ofSeconds(r.orchestration().stepTimeoutSeconds());
    RetryOptions oneRetry = RetryOptions.newBuilder().setMaximumAttempts(2).build();
    if (r.orchestration().localSteps()) {
      return Workflow.newLocalActivityStub(
          EnvironmentActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(step)
              .setScheduleToCloseTimeout(step.multipliedBy(3))
              .setRetryOptions(oneRetry)
              .build());
    }
    return Workflow.newActivityStub(
        EnvironmentActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.browser(r.environment()))
            .setStartToCloseTimeout(step)
            .setScheduleToCloseTimeout(step.multipliedBy(3))
            .setRetryOptions(oneRetry)
            .build());
  }

  // Policy calls are pure computations: retried freely. Local when the policy lives in this
  // worker's process (one history marker, no round trip); else on the policy queue.
  private static PolicyActivities policy(EpisodeRequest r) {
    if (r.orchestration().localPolicy()) {
      return Workflow.newLocalActivityStub(
          PolicyActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(4).build())
              .build());
    }
    // A policy worker may be down for a while (restarted, or busy): keep trying for half an hour.
    RetryOptions retry = UNTIL_DONE;
    return Workflow.newActivityStub(
        PolicyActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.POLICY)
            .setStartToCloseTimeout(Duration.ofSeconds(r.orchestration().stepTimeoutSeconds()))
            .setScheduleToCloseTimeout(Duration.ofMinutes(30))
            .setRetryOptions(retry)
            .build());
  }
}
