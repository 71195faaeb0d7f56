package io.agentq.activities.search;

import io.agentq.core.Critic;
import io.agentq.core.InputException;
import io.agentq.core.Policy;

/**
 * The policies and critics a worker can run, by the names episode requests carry ("zero-shot",
 * "v3", "base-ranking", ...). A worker resolves a name the same way every time, so every activity
 * of an episode uses the same policy.
 */
public interface AgentCatalog {
  Policy policy(String name);

  Critic critic(String name);

  /** Exactly one policy and one critic, under the default names (tests, benchmarks). */
  static AgentCatalog of(Policy policy, Critic critic) {
    return new AgentCatalog() {
      @Override
      public Policy policy(String name) {
        if (!name.equals("zero-shot")) {
          throw new InputException("policy '" + name + "' is not served by this worker");
        }
        return policy;
      }

      @Override
      public Critic critic(String name) {
        if (!name.equals("base-ranking")) {
          throw new InputException("critic '" + name + "' is not served by this worker");
        }
        return critic;
      }
    };
  }
}
