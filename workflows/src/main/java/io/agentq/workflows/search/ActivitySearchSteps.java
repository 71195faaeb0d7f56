package io.agentq.workflows.search;

import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.agentq.core.search.TreeDelta;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The search's steps as calls of the activity interfaces: through activity stubs from workflow
 * code, or straight to the implementations for the plain in-process loop that measures what
 * orchestration costs on exactly the same work.
 */
public final class ActivitySearchSteps implements SearchSteps {
  /** Sends of one irreversible action, each after the site said it holds nothing under the key. */
  static final int MAX_SENDS = 2;

  private final EpisodeRequest request;
  private final EnvironmentActivities env;
  private final EnvironmentActivities lookups;
  private final EnvironmentActivities commitOnce;
  private final PolicyActivities policy;
  private final Consumer<TreeDelta> checkpoints;
  private final BooleanSupplier pause;
  private String instruction;

  /**
   * @param env the environment as reached for sandbox steps (retried freely)
   * @param lookups the environment as reached for asking the live site by key (retried, also while
   *     the key is in progress)
   * @param commitOnce the environment as reached for irreversible commits (one attempt)
   * @param checkpoints where the tree's changes go
   * @param pause whether to stop after a committed step and continue as new
   */
  public ActivitySearchSteps(
      EpisodeRequest request,
      EnvironmentActivities env,
      EnvironmentActivities lookups,
      EnvironmentActivities commitOnce,
      PolicyActivities policy,
      Consumer<TreeDelta> checkpoints,
      BooleanSupplier pause) {
    this.request = request;
    this.env = env;
    this.lookups = lookups;
    this.commitOnce = commitOnce;
    this.policy = policy;
    this.checkpoints = checkpoints;
    this.pause = pause;
  }

  @Override
  public Start open() {
    Start s =
        env.open(
            new EnvironmentActivities.Open(
                request.environment(), request.episodeId(), request.taskId(), screens()));
    instruction = s.instruction();
    return s;
  }

  private boolean screens() {
    return request.orchestration().capturesScreens();
  }

  /** A resumed episode takes the instruction from its checkpoint instead of opening again. */
  public void resumeWith(String checkpointedInstruction) {
    instruction = checkpointedInstruction;
  }

  @Override
  public Expansion expand(NodeState at, List<String> history, int k, long seed) {
    EpisodeRequest.Agents agents = request.agents();
    return policy.expand(
        new PolicyActivities.Expand(
            agents.policy(), agents.critic(), instruction, at, history, k, seed));
  }

  @Override
  public Outcome step(
      NodeState from, List<String> history, String command, int rolloutSteps, long rolloutSeed) {
    return env.step(
        new EnvironmentActivities.Step(
            request.environment(),
            request.agents().policy(),
            request.episodeId(),
            request.taskId(),
            instruction,
            from,
            history,
            command,
            rolloutSteps,
            rolloutSeed,
            screens(),
            request.agents().judge()));
  }

  @Override
  public Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed) {
    return env.rollout(
        new EnvironmentActivities.Rollout(
            request.environment(),
            request.agents().policy(),
            request.episodeId(),
            request.taskId(),
            instruction,
            from,
            history,
            stepsLeft,
            seed,
            request.agents().judge()));
  }

  /**
   * Check, then act, then check: the site is asked by key before the one-attempt commit, and again
   * after any failure or timeout (which say nothing about whether the action happened); an outcome
   * on record is adopted. Only when the site holds nothing under the key is it sent again, under
   * the same key.
   */
  @Override
  public Committed commit(Commit c) {
    if (request.sandboxOnly()) {
      // A fork: what the search chose is scored in its sandbox; nothing reaches the live site.
      return new Committed(
          c.chosen(), false, true, "fork: scored in the sandbox, never sent to the live site");
    }
    EnvironmentActivities.Lookup ask =
        new EnvironmentActivities.Lookup(
            request.environment(),
            request.episodeId(),
            request.taskId(),
            c.key(),
            c.chosen(),
            screens());
    Committed held = lookups.lookup(ask);
    if (held != null) {
      return held;
    }
    for (int send = 1; ; send++) {
      try {
        return commitOnce.commit(
            new EnvironmentActivities.Commit(
                request.environment(),
                request.episodeId(),
                request.taskId(),
                c.from(),
                c.history(),
                c.command(),
                c.chosen(),
                c.key(),
                screens()));
      } catch (RuntimeException failed) {
        held = lookups.lookup(ask);
        if (held != null) {
          return held;
        }
        if (send >= MAX_SENDS) {
          throw failed;
        }
      }
    }
  }

  @Override
  public void checkpoint(TreeDelta changes) {
    checkpoints.accept(changes);
  }

  @Override
  public boolean shouldPause() {
    return pause.getAsBoolean();
  }
}
