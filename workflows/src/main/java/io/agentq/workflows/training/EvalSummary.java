package io.agentq.workflows.training;

/**
 * A policy's success on a list of tasks, without search.
 *
 * @param key where the evaluation's episodes are kept in the store
 */
public record EvalSummary(
    String policy,
    String split,
    int tasks,
    int successes,
    double meanScore,
    double meanSteps,
    int interactions,
    String key) {
  public double successRate() {
    return tasks == 0 ? 0 : (double) successes / tasks;
  }
}
