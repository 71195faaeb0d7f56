package io.agentq.core;

/**
 * What one environment step returns.
 *
 * @param observation the page after the step (the same page when the action was invalid)
 * @param done whether the episode reached a terminal state
 * @param reward the environment's score in [0, 1], non-zero only at a terminal state
 * @param invalid whether the action named nothing on the page or could not be carried out
 * @param message what happened, for the policy and for people (e.g. why an action was invalid)
 */
public record StepResult(
    Observation observation, boolean done, double reward, boolean invalid, String message) {}
