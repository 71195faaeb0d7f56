package io.agentq.workflows.search;

import io.agentq.core.search.SearchConfig;

/**
 * The input of one search episode.
 *
 * @param episodeId deterministic id: the workflow id, the key prefix of its artifacts and
 *     checkpoint
 * @param taskId the task (goal index) of the environment
 * @param config the search budget and constants
 * @param maxHistoryEvents continue-as-new once history passes this many events (0: only when the
 *     server suggests it)
 */
public record EpisodeRequest(
    String episodeId, int taskId, SearchConfig config, int maxHistoryEvents) {}
