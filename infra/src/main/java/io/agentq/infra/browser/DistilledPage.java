package io.agentq.infra.browser;

import io.agentq.core.Observation;
import java.util.Map;

/**
 * A page after distillation: the observation the policy reads, how to reach each element, and the
 * page's {@code <meta name="agentq:...">} facts (e.g. whether it is terminal, and its reward).
 */
public record DistilledPage(
    Observation observation, Map<Integer, ElementTarget> targets, Map<String, String> facts) {
  public DistilledPage {
    targets = Map.copyOf(targets);
    facts = Map.copyOf(facts);
  }

  public boolean terminal() {
    return "true".equals(facts.get("terminal"));
  }

  public double reward() {
    String r = facts.get("reward");
    return r == null ? 0.0 : Double.parseDouble(r);
  }
}
