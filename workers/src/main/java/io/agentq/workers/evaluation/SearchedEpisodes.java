package io.agentq.workers.evaluation;

import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.core.Episode;
import io.agentq.core.StoreKeys;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;

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
    return ArtifactActivitiesImpl.searchedPolicy(agents);
  }

  public String episodeId(Goal g) {
    return runId + "-t" + g.index();
  }

  public Episode run(Goal g) {
    return toResult(g, artifacts(g));
  }

  /** Runs the episode on {@code g} (or reads it back when it finished before): where it is. */
  public EpisodeArtifacts artifacts(Goal g) {
    return stack.runEpisode(
        EpisodeRequest.of(episodeId(g), g.index(), config).with(orchestration).with(agents));
  }

  public Episode toResult(Goal g, EpisodeArtifacts a) {
    return result(stack.artifacts(), a.summary().episodeId());
  }

  /**
   * A finished searched episode as it was kept beside its tree ({@code
   * episodes/E/trajectory.json}).
   */
  public static Episode result(JsonArtifacts artifacts, String episodeId) {
    String key = StoreKeys.episode(episodeId, StoreKeys.TRAJECTORY);
    return artifacts
        .get(key, Episode.class)
        .orElseThrow(() -> new IllegalStateException("no trajectory at " + key));
  }
}
