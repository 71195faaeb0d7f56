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

  /** Sees every decision as it is made: the state and the action chosen in it. */
  public interface Observer {
    void decided(AgentState state, CompositeAction chosen);
  }

  public EpisodeResult run(String taskId, Environment env, RandomGenerator random) {
    return run(taskId, env, random, (state, chosen) -> {});
  }

  public EpisodeResult run(
      String taskId, Environment env, RandomGenerator random, Observer observer) {
    Observation page = env.reset();
    List<Action> history = new ArrayList<>();
    List<TrajectoryStep> trajectory = new ArrayList<>();
    double score = 0;
    boolean done = false;
    while (!done && history.size() < maxSteps) {
      AgentState state = new AgentState(env.instruction(), history, page);
      List<CompositeAction> proposals = policy.propose(state, 1, random);
      if (proposals.isEmpty()) {
        break;
      }
      CompositeAction chosen = proposals.get(0);
      observer.decided(state, chosen);
      StepResult result = env.step(chosen.command());
      trajectory.add(
          new TrajectoryStep(
              history.size() + 1,
              page.url(),
              chosen.thought(),
              chosen.command().toString(),
              chosen.logLikelihood(),
              result.invalid(),
              result.message(),
              result.reward()));
      history.add(chosen.command());
      page = result.observation();
      done = result.done();
      score = result.reward();
    }
    return new EpisodeResult(
        taskId, policy.name(), done && score == 1.0, score, history.size(), done, trajectory);
  }
}
