package io.agentq.workflows.search;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One Agent Q search episode as a durable workflow. */
@WorkflowInterface
public interface SearchEpisodeWorkflow {
  /**
   * The failure type of an activity given input it can never serve (an agent a worker cannot load,
   * say): the episode's steps do not retry it.
   */
  String BAD_INPUT = "BadInput";

  @WorkflowMethod
  EpisodeArtifacts run(EpisodeRequest request);
}
