package io.agentq.workflows.search;

import io.agentq.core.search.EpisodeSummary;

/**
 * Where a finished episode's artifacts are, with its summary; small enough for workflow history.
 *
 * @param resumedFromIteration the checkpoint iteration the finishing run resumed from (-1: none)
 */
public record EpisodeArtifacts(
    EpisodeSummary summary,
    String manifestKey,
    String treeKey,
    String trajectoryKey,
    String pairsKey,
    int pairs,
    int resumedFromIteration) {}
