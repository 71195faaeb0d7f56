package io.agentq.workers.evaluation;

import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.core.EpisodeResult;
import io.agentq.core.StoreKeys;
import io.agentq.core.TrajectoryStep;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.ArrayList;
import java.util.List;

/** Episodes with MCTS at inference time, each a SearchEpisodeWorkflow, read back as results. */
public final class SearchedEpisodes {
  private final AgentqStack stack;
  private final SearchConfig config;
  private final String runId;
  private final EpisodeRequest.Orchestration orchestration;
  private final EpisodeRequest.Agents agents;

  public SearchedEpisodes(AgentqStack stack, SearchConfig config, String runId) {
    this(
        stack,
        config,
        runId,
        EpisodeRequest.Orchestration.defaults(),
        EpisodeRequest.Agents.defaults());
  }

  public SearchedEpisodes(
      AgentqStack stack,
      SearchConfig config,
      String runId,
      EpisodeRequest.Orchestration orchestration,
      EpisodeRequest.Agents agents) {
    this.stack = stack;
    this.config = config;
    this.runId = runId;
    this.orchestration = orchestration;
    this.agents = agents;
  }

  /** What a searched episode's result names as its policy: the agents and the search. */
  String policyName() {
    return policyName(agents.policy(), agents.critic());
  }

  /** What a searched episode's result names as its policy: the agents and the search. */
  public static String policyName(String policy, String critic) {
    return policy + "+mcts(critic " + critic + ")";
  }

  public String episodeId(Goal g) {
    return runId + "-t" + g.index();
  }

  public EpisodeResult run(Goal g) {
    return toResult(g, artifacts(g));
  }

  /** Runs the episode on {@code g} (or reads it back when it finished before): where it is. */
  public EpisodeArtifacts artifacts(Goal g) {
    return stack.runEpisode(
        EpisodeRequest.of(episodeId(g), g.index(), config).with(orchestration).with(agents));
  }

  public EpisodeResult toResult(Goal g, EpisodeArtifacts a) {
    return result(stack.artifacts(), Integer.toString(g.index()), policyName(), a.summary());
  }

  /**
   * A finished searched episode as a result: its summary with the committed trajectory read from
   * the store ({@code episodes/E/trajectory.json}).
   */
  public static EpisodeResult result(
      JsonArtifacts artifacts, String taskId, String policyName, EpisodeSummary s) {
    String key = StoreKeys.episode(s.episodeId(), StoreKeys.TRAJECTORY);
    ArtifactActivitiesImpl.TrajectoryEntry[] entries =
        artifacts
            .get(key, ArtifactActivitiesImpl.TrajectoryEntry[].class)
            .orElseThrow(() -> new IllegalStateException("no trajectory at " + key));
    List<TrajectoryStep> steps = new ArrayList<>();
    for (var e : entries) {
      steps.add(
          new TrajectoryStep(
              e.step(),
              e.fromUrl(),
              e.thought(),
              e.command(),
              e.logLikelihood(),
              e.invalid(),
              e.message(),
              e.reward()));
    }
    return new EpisodeResult(
        taskId, policyName, s.success(), s.score(), s.steps(), s.terminated(), steps);
  }
}
