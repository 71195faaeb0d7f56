package io.agentq.core.search;

/**
 * The page a tree node stands on, as the search needs it; the page itself lives in the artifact
 * store under {@code observationKey}.
 *
 * @param stateUrl puts a fresh session back on this page
 * @param terminal whether the episode ended here
 * @param reward the environment's score at a terminal page, else 0
 * @param invalid whether the action that led here named nothing on the page (the page did not
 *     change)
 * @param irreversible whether the action that led here cannot be undone on a live site
 */
public record NodeState(
    String stateUrl,
    String observationKey,
    String title,
    boolean terminal,
    double reward,
    boolean invalid,
    boolean irreversible,
    String message) {}
