package io.agentq.core.judge;

/**
 * A judge's probability for one episode beside the site's own outcome of it.
 *
 * @param probability the judge's probability of success, in [0, 1]
 * @param success the site's outcome (the database check), the truth the judge is measured against
 */
public record Verdict(double probability, boolean success) {
  public Verdict {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("a probability must be in [0, 1], got " + probability);
    }
  }
}
