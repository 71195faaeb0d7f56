package io.agentq.workflows.search;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One Agent Q search episode as a durable workflow. */
@WorkflowInterface
public interface SearchEpisodeWorkflow {
  @WorkflowMethod
  EpisodeArtifacts run(EpisodeRequest request);
}
