package io.agentq.activities.cycle;

import io.agentq.core.search.PreferencePair;
import java.util.List;

/**
 * What a report says of a cycle's pairs: the mean Q_mix gap, and the share decided by the critic
 * alone (the returns backed up through both actions were equal, so only the critic's values set
 * them apart).
 */
record PairStats(int pairs, double meanGap, double criticOnly) {
  static PairStats of(List<PreferencePair> pairs) {
    if (pairs.isEmpty()) {
      return new PairStats(0, 0, 0);
    }
    double gap = 0;
    int critic = 0;
    for (PreferencePair p : pairs) {
      gap += p.gap();
      critic += Math.abs(p.gapFromReturns()) < 1e-12 ? 1 : 0;
    }
    return new PairStats(pairs.size(), gap / pairs.size(), (double) critic / pairs.size());
  }

  /** The number of pairs in a pairs file (one JSON line each). */
  static int count(byte[] jsonl) {
    int lines = 0;
    for (byte b : jsonl) {
      lines += b == '\n' ? 1 : 0;
    }
    return lines;
  }
}
