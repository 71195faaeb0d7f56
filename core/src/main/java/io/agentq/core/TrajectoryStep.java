package io.agentq.core;

/** One step of an episode, as recorded: what the agent did and what followed. */
public record TrajectoryStep(
    int step,
    String url,
    String thought,
    String action,
    double logLikelihood,
    boolean invalid,
    String message,
    double reward) {}
