package io.agentq.workflows.search;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** One Agent Q search episode as a durable workflow. */
@WorkflowInterface
public interface SearchEpisodeWorkflow {
  /**
   * The failure type of an activity given input it can never serve (an agent a worker cannot load,
   * say): the episode's steps do not retry it.
   */
  String BAD_INPUT = "BadInput";

  /** The failure type of an episode id used again with another task, budget or agents. */
  String RUN_ID_REUSED = "RunIdReused";

  @WorkflowMethod
  EpisodeArtifacts run(EpisodeRequest request);

  /** Where the episode stands, for an operator and a cluster's UI. */
  @QueryMethod
  Progress progress();

  /**
   * Where an episode stands; counts include the runs it continued from.
   *
   * @param phase {@link #STARTING}, {@link #SEARCHING}, {@link #WRITING} or {@link #FINISHED}
   * @param step the real step being searched, from 1 (the committed steps and one)
   * @param iterationsAtStep MCTS iterations done at that step so far
   * @param iterations MCTS iterations done in all
   * @param interactions environment steps spent so far: sandbox steps, rollout steps, live commits
   * @param committed the actions committed so far, in order
   */
  record Progress(
      String phase,
      int step,
      int iterationsAtStep,
      int iterations,
      int interactions,
      List<String> committed) {
    /** Opening the task, or reading a checkpoint back. */
    public static final String STARTING = "starting";

    /** Searching and committing real steps. */
    public static final String SEARCHING = "searching";

    /** The search is over: writing the episode's tree, trajectory, pairs and manifest. */
    public static final String WRITING = "writing";

    /** Done: the episode's artifacts are in the store. */
    public static final String FINISHED = "finished";

    public Progress {
      committed = List.copyOf(committed);
    }
  }
}
