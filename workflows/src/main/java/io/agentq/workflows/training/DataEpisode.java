package io.agentq.workflows.training;

/**
 * One episode of training data as the collection counts it; the episode itself is in the store.
 *
 * @param key where it is kept
 * @param interactions environment interactions it cost (checks included)
 * @param labels checked episodes: labelled pages
 * @param checks checked episodes: products checked by a sandbox purchase
 * @param readBack whether it was found in the store rather than run
 */
public record DataEpisode(
    String key,
    int task,
    boolean success,
    int interactions,
    int labels,
    int checks,
    boolean readBack) {}
