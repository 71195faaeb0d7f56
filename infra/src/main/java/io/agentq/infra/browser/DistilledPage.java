package io.agentq.infra.browser;

import io.agentq.core.Observation;
import java.util.Map;

/**
 * A page after distillation: the observation the policy reads, how to reach each element, the
 * page's {@code <meta name="agentq:...">} facts (e.g. whether it is terminal, and its reward), and
 * the page's text as an outside judge reads it: the observation's text less every line holding what
 * the site marks as its own ({@link PageDistiller#PRIVATE_MARK}).
 */
public record DistilledPage(
    Observation observation,
    Map<Integer, ElementTarget> targets,
    Map<String, String> facts,
    String judgeText) {
  public DistilledPage {
    targets = Map.copyOf(targets);
    facts = Map.copyOf(facts);
    judgeText = judgeText == null ? observation.text() : judgeText;
  }

  public boolean terminal() {
    return "true".equals(facts.get("terminal"));
  }

  public double reward() {
    String r = facts.get("reward");
    return r == null ? 0.0 : Double.parseDouble(r);
  }
}
