package io.agentq.workflows.search;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.IrreversibleAction;
import java.util.List;

/**
 * Where a finished episode's artifacts are, with its summary; small enough for workflow history.
 *
 * @param irreversible what the episode did that cannot be undone, and whether it adopted an outcome
 *     the site already held
 * @param resumedFromIteration the checkpoint iteration the finishing run resumed from (-1: none)
 */
public record EpisodeArtifacts(
    EpisodeSummary summary,
    String manifestKey,
    String treeKey,
    String trajectoryKey,
    String pairsKey,
    int pairs,
    List<IrreversibleAction> irreversible,
    int resumedFromIteration) {
  public EpisodeArtifacts {
    irreversible = irreversible == null ? List.of() : List.copyOf(irreversible);
  }
}
