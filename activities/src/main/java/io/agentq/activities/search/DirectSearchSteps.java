package io.agentq.activities.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchSteps;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.workflows.search.ArtifactActivities;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.PolicyActivities;
import java.util.List;

/**
 * The search's steps as plain calls of the activity implementations, without Temporal: the baseline
 * that measures what orchestration costs, on exactly the same work.
 */
public final class DirectSearchSteps implements SearchSteps {
  private final String episodeId;
  private final int taskId;
  private final EnvironmentActivities env;
  private final PolicyActivities policy;
  private final ArtifactActivities artifacts;
  private String instruction;

  public DirectSearchSteps(
      String episodeId,
      int taskId,
      EnvironmentActivities env,
      PolicyActivities policy,
      ArtifactActivities artifacts) {
    this.episodeId = episodeId;
    this.taskId = taskId;
    this.env = env;
    this.policy = policy;
    this.artifacts = artifacts;
  }

  @Override
  public Start open() {
    Start s = env.open(episodeId, taskId);
    instruction = s.instruction();
    return s;
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
        new EnvironmentActivities.Execute(episodeId, taskId, from, history, command));
  }

  @Override
  public Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed) {
    return env.rollout(
        new EnvironmentActivities.Rollout(
            episodeId, taskId, instruction, from, history, stepsLeft, seed));
  }

  @Override
  public NodeState commit(NodeState from, List<String> history, String command, String key) {
    return env.commit(
        new EnvironmentActivities.Commit(episodeId, taskId, from, history, command, key));
  }

  @Override
  public void checkpoint(TreeSnapshot tree) {
    artifacts.checkpoint(tree);
  }

  @Override
  public boolean shouldPause() {
    return false;
  }
}
