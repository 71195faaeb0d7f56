package io.agentq.core;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An episode without search: at each step the policy proposes one action, which is executed, until
 * a terminal state or the step limit T.
 */
public final class EpisodeLoop {
  private final Policy policy;
  private final int maxSteps;

  public EpisodeLoop(Policy policy, int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    this.policy = policy;
    this.maxSteps = maxSteps;
  }

  /** Keeps the page a decision is made on and says where (null: not kept). */
  public interface Pages {
    Pages NONE = page -> null;

    String keep(Observation page);
  }

  /** The episode, its pages not kept. */
  public Episode run(String taskId, Environment env, RandomGenerator random) {
    return run(null, taskId, env, random, Pages.NONE);
  }

  /**
   * The episode under {@code episodeId}, every page a decision is made on kept by {@code pages}.
   */
  public Episode run(
      String episodeId, String taskId, Environment env, RandomGenerator random, Pages pages) {
    Observation page = env.reset();
    List<String> history = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<Episode.Step> steps = new ArrayList<>();
    double score = 0;
    boolean done = false;
    while (!done && actions.size() < maxSteps) {
      AgentState state = new AgentState(env.instruction(), actions, page);
      List<CompositeAction> proposals = policy.propose(state, 1, random);
      if (proposals.isEmpty()) {
        break;
      }
      CompositeAction chosen = proposals.get(0);
      String key = pages.keep(page);
      StepResult result = env.step(chosen.command());
      String command = chosen.command().toString();
      steps.add(
          new Episode.Step(
              actions.size() + 1,
              page.url(),
              key,
              history,
              command,
              chosen.thought(),
              null,
              chosen.logLikelihood(),
              result.invalid(),
              result.message(),
              result.reward(),
              null));
      actions.add(chosen.command());
      history.add(command);
      page = result.observation();
      done = result.done();
      score = result.reward();
    }
    return new Episode(
        episodeId,
        taskId,
        null,
        env.instruction().text(),
        policy.name(),
        done && score == 1.0,
        score,
        done,
        actions.size(),
        null,
        steps);
  }
}
