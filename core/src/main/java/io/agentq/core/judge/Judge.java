package io.agentq.core.judge;

/**
 * Says how likely an episode succeeded from what an outside observer sees of it: the task's
 * instruction, a condensed history of what the agent did and the final page (its visible text, and
 * a screenshot where one was taken). It never sees the site's database, the task's hidden fields or
 * the site's reward; in the paper's live booking such a judge (GPT-4V) is what scored the rollouts.
 */
public interface Judge {
  /** The probability, in [0, 1], that the episode {@code input} describes met its task. */
  double probability(JudgeInput input);

  /**
   * Whether the judge says the episode succeeded: a verdict, as the paper's judge gave one (a
   * probability of at least one half unless the judge chose its own threshold).
   */
  default boolean success(JudgeInput input) {
    return probability(input) >= 0.5;
  }

  /** A short name that says what the judge is ("judge:j1"), recorded with what it scored. */
  String name();
}
