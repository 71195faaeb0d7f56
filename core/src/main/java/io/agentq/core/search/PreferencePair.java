package io.agentq.core.search;

import java.util.List;

/**
 * A node-level preference (Agent Q §5.2): at history {@code history} on the page stored under
 * {@code observationKey}, the command {@code preferred} beat {@code rejected} by at least theta in
 * Q_mix. Carries both actions' values, visits and behaviour log-likelihoods for off-policy DPO.
 */
public record PreferencePair(
    String episodeId,
    int nodeId,
    String instruction,
    String observationKey,
    List<String> history,
    String preferred,
    String rejected,
    double preferredValue,
    double rejectedValue,
    int preferredVisits,
    int rejectedVisits,
    double preferredLogLikelihood,
    double rejectedLogLikelihood) {
  public PreferencePair {
    history = List.copyOf(history);
  }
}
