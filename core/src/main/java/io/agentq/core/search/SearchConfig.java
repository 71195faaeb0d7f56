package io.agentq.core.search;

/**
 * Agent Q's search budget and constants (specs/agentq-algorithm.md §2-3); every reported number
 * carries the config it was measured with.
 *
 * @param iterationsPerStep MCTS iterations before each real step is committed (default 10)
 * @param branching K, actions the policy proposes at a new node (default 4)
 * @param maxDepth T, the step limit of an episode and of its rollouts (default 12 for the shop)
 * @param exploration c_exp of UCB1, Eq. 7 (default 1.0)
 * @param alpha weight of the MCTS value against the critic's in Q_mix, Eq. 10 (default 0.5)
 * @param pairThreshold theta: the least Q_mix gap of a preference pair (default 0.1); a pair's gap
 *     must also be positive, so theta = 0 keeps every strict preference and no tie
 * @param checkpointEvery iterations between tree checkpoints (default 10)
 * @param rolloutValue what a simulation backs up: by default Agent Q's POMDP reward, R = 1 when the
 *     environment's own terminal reward (read in the sandboxed session) is a success (score == 1),
 *     else 0; or that terminal score itself, as LATS backs up on WebShop
 * @param seed the search's only source of randomness (tie breaks, proposals, rollouts)
 */
public record SearchConfig(
    int iterationsPerStep,
    int branching,
    int maxDepth,
    double exploration,
    double alpha,
    double pairThreshold,
    int checkpointEvery,
    RolloutValue rolloutValue,
    long seed) {

  /** The value a simulation backs up. */
  public enum RolloutValue {
    /** The environment's terminal score in [0, 1] (WebShop's reward), as LATS backs up. */
    SCORE,
    /** Agent Q's sparse binary reward: 1 when the terminal score is 1 (success), else 0. */
    SUCCESS
  }

  public SearchConfig {
    require(iterationsPerStep >= 1, "iterations per step must be at least 1");
    require(branching >= 1, "K (branching) must be at least 1");
    require(maxDepth >= 1, "max depth must be at least 1");
    require(exploration >= 0, "c_exp must not be negative");
    require(alpha >= 0 && alpha <= 1, "alpha must be in [0, 1]");
    require(pairThreshold >= 0, "theta must not be negative");
    require(checkpointEvery >= 1, "checkpoint interval must be at least 1");
    require(rolloutValue != null, "rollout value must be given");
  }

  public static SearchConfig defaults() {
    return new SearchConfig(10, 4, 12, 1.0, 0.5, 0.1, 10, RolloutValue.SUCCESS, 1);
  }

  public SearchConfig withSeed(long s) {
    return new SearchConfig(
        iterationsPerStep,
        branching,
        maxDepth,
        exploration,
        alpha,
        pairThreshold,
        checkpointEvery,
        rolloutValue,
        s);
  }

  /** The budget in one line, for reports. */
  public String budget() {
    return String.format(
        java.util.Locale.ROOT,
        "iterations/step=%d K=%d T=%d c=%.2f alpha=%.2f theta=%.2f value=%s",
        iterationsPerStep,
        branching,
        maxDepth,
        exploration,
        alpha,
        pairThreshold,
        rolloutValue);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("search config: " + what);
    }
  }
}
