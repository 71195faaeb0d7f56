package io.agentq.workflows.search;

import io.agentq.core.search.MctsEpisode;
import io.agentq.core.search.TreeSnapshot;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The MCTS loop and the tree live here, in workflow code ({@link MctsEpisode} is pure and takes its
 * randomness from the request's seed); expand, critique, execute, roll out, commit and checkpoint
 * are activities. The history carries artifact keys and small values; pages live in the store.
 */
public final class SearchEpisodeWorkflowImpl implements SearchEpisodeWorkflow {
  // Sandbox steps are safe to retry; a browser step with a page load stays well under a minute.
  private final EnvironmentActivities env =
      Workflow.newActivityStub(
          EnvironmentActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.BROWSER)
              .setStartToCloseTimeout(Duration.ofMinutes(3))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(4).build())
              .build());

  // An irreversible commit gets exactly one attempt; a failure is followed by a ledger check.
  private final EnvironmentActivities commit =
      Workflow.newActivityStub(
          EnvironmentActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.BROWSER)
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
              .build());

  // Policy calls are pure computations: retry freely.
  private final PolicyActivities policy =
      Workflow.newActivityStub(
          PolicyActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.POLICY)
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(4).build())
              .build());

  // Artifact writes are idempotent puts under deterministic keys.
  private final ArtifactActivities artifacts =
      Workflow.newActivityStub(
          ArtifactActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.WORKFLOW)
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(10).build())
              .build());

  private static boolean shouldContinueAsNew(EpisodeRequest request) {
    int max = request.maxHistoryEvents();
    return Workflow.getInfo().isContinueAsNewSuggested()
        || (max > 0 && Workflow.getInfo().getHistoryLength() > max);
  }

  @Override
  public EpisodeArtifacts run(EpisodeRequest request) {
    TreeSnapshot resume = artifacts.loadCheckpoint(request.episodeId());
    ActivitySearchSteps steps =
        new ActivitySearchSteps(
            request, env, commit, policy, artifacts, () -> shouldContinueAsNew(request));
    if (resume != null) {
      steps.resumeWith(resume.instruction());
    }
    MctsEpisode.Result result =
        new MctsEpisode(request.episodeId(), request.config(), steps).run(resume);
    if (result.paused()) {
      // The tree was checkpointed before pausing; the next run loads it by the episode's key.
      Workflow.continueAsNew(request);
    }
    return artifacts.writeEpisode(
        result.tree().snapshot(), resume == null ? -1 : resume.iterations());
  }
}
