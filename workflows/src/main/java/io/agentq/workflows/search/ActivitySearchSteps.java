package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchSteps;
import io.agentq.core.search.TreeSnapshot;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The search's steps as calls of the activity interfaces: through activity stubs from workflow
 * code, or straight to the implementations for the plain in-process loop that measures what
 * orchestration costs on exactly the same work.
 */
public final class ActivitySearchSteps implements SearchSteps {
  private final EpisodeRequest request;
  private final EnvironmentActivities env;
  private final EnvironmentActivities commitOnce;
  private final PolicyActivities policy;
  private final ArtifactActivities artifacts;
  private final BooleanSupplier pause;
  private String instruction;

  /**
   * @param commitOnce the environment as reached for irreversible commits (one attempt)
   * @param pause whether to stop after a committed step and continue as new
   */
  public ActivitySearchSteps(
      EpisodeRequest request,
      EnvironmentActivities env,
      EnvironmentActivities commitOnce,
      PolicyActivities policy,
      ArtifactActivities artifacts,
      BooleanSupplier pause) {
    this.request = request;
    this.env = env;
    this.commitOnce = commitOnce;
    this.policy = policy;
    this.artifacts = artifacts;
    this.pause = pause;
  }

  @Override
  public Start open() {
    Start s = env.open(request.episodeId(), request.taskId());
    instruction = s.instruction();
    return s;
  }

  /** A resumed episode takes the instruction from its checkpoint instead of opening again. */
  void resumeWith(String checkpointedInstruction) {
    instruction = checkpointedInstruction;
  }

  @Override
  public List<Proposal> propose(NodeState at, List<String> history, int k, long seed) {
    return policy.propose(new PolicyActivities.Propose(instruction, at, history, k, seed));
  }

  @Override
  public List<Integer> critique(NodeState at, List<String> history, List<Proposal> proposals) {
    return policy.critique(new PolicyActivities.Critique(instruction, at, history, proposals));
  }

  @Override
  public NodeState execute(NodeState from, List<String> history, String command) {
    return env.execute(
        new EnvironmentActivities.Execute(
            request.episodeId(), request.taskId(), from, history, command));
  }

  @Override
  public Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed) {
    return env.rollout(
        new EnvironmentActivities.Rollout(
            request.episodeId(), request.taskId(), instruction, from, history, stepsLeft, seed));
  }

  @Override
  public NodeState commit(NodeState from, List<String> history, String command, String key) {
    try {
      return commitOnce.commit(
          new EnvironmentActivities.Commit(
              request.episodeId(), request.taskId(), from, history, command, key));
    } catch (ActivityFailure e) {
      // The outcome is unknown: read the ledger rather than act again.
      NodeState took = env.verify(request.episodeId(), request.taskId());
      if (took != null) {
        return took;
      }
      throw e;
    }
  }

  @Override
  public void checkpoint(TreeSnapshot tree) {
    artifacts.checkpoint(tree);
  }

  @Override
  public boolean shouldPause() {
    return pause.getAsBoolean();
  }
}
