package io.agentq.activities.search;

import io.agentq.core.Critic;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.judge.Judge;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * The policies and critics a worker can run, by the names episode requests carry ("zero-shot",
 * "v3", "base-ranking", ...). A worker resolves a name the same way every time, so every activity
 * of an episode uses the same policy.
 */
public interface AgentCatalog {
  Policy policy(String name);

  Critic critic(String name);

  /** The judge of that name ("judge:jN"): what a search backs up instead of the site's reward. */
  default Judge judge(String name) {
    throw new InputException("judge '" + name + "' is not served by this worker");
  }

  /**
   * {@code catalog} as activities use it: a name it cannot serve, or a stored agent it cannot load,
   * fails the activity at once with the catalog's message (type {@link
   * SearchEpisodeWorkflow#BAD_INPUT}, never retried), where a plain exception would be retried
   * until the episode's timeout.
   */
  static AgentCatalog inActivities(AgentCatalog catalog) {
    return new AgentCatalog() {
      @Override
      public Policy policy(String name) {
        return served(() -> catalog.policy(name));
      }

      @Override
      public Critic critic(String name) {
        return served(() -> catalog.critic(name));
      }

      @Override
      public Judge judge(String name) {
        return served(() -> catalog.judge(name));
      }
    };
  }

  private static <T> T served(Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (InputException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), SearchEpisodeWorkflow.BAD_INPUT);
    }
  }

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
