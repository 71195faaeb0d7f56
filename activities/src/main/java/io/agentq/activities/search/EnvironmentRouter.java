package io.agentq.activities.search;

import io.agentq.core.InputException;
import io.agentq.core.search.SearchSteps;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The site side of search episodes for every site this worker serves, each request sent to the
 * adapter of the environment it names (a request without one ran on the shop). A worker's local
 * activities and its browser queues share it; an environment it does not serve fails at once,
 * naming the environments it does.
 */
public final class EnvironmentRouter implements EnvironmentActivities {
  /** The failure type of a request for an environment this worker does not serve: not retried. */
  public static final String UNSERVED = "EnvironmentNotServed";

  private final Map<String, SiteEnvironmentActivities> sites = new LinkedHashMap<>();

  public EnvironmentRouter(List<SiteEnvironmentActivities> served) {
    for (SiteEnvironmentActivities s : served) {
      if (sites.putIfAbsent(s.site().environment(), s) != null) {
        throw new IllegalArgumentException(
            "two sites for environment " + s.site().environment() + " in one worker");
      }
    }
  }

  /** The environments served here, in the order given. */
  public List<String> environments() {
    return List.copyOf(sites.keySet());
  }

  /** The adapter of one environment, or null when this worker does not serve it. */
  public SiteEnvironmentActivities site(String environment) {
    return sites.get(environment);
  }

  private SiteEnvironmentActivities route(String environment) {
    String id = TaskQueues.environmentOf(environment);
    SiteEnvironmentActivities s = sites.get(id);
    if (s == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this worker serves the environments "
              + sites.keySet()
              + ", not '"
              + id
              + "'; start a worker for it (bin/agentq worker --env "
              + id
              + ")",
          UNSERVED);
    }
    return s;
  }

  /**
   * Bad input found on the way (a site the driver cannot run, such as the booking site over HTTP)
   * fails the activity at once with its one line (type {@link SearchEpisodeWorkflow#BAD_INPUT},
   * never retried), where a plain exception would be retried until the episode's timeout.
   */
  private static <T> T served(Supplier<T> call) {
    try {
      return call.get();
    } catch (InputException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), SearchEpisodeWorkflow.BAD_INPUT);
    }
  }

  @Override
  public SearchSteps.Start open(Open r) {
    return served(() -> route(r.environment()).open(r));
  }

  @Override
  public SearchSteps.Outcome step(Step r) {
    return served(() -> route(r.environment()).step(r));
  }

  @Override
  public SearchSteps.Rollout rollout(Rollout r) {
    return served(() -> route(r.environment()).rollout(r));
  }

  @Override
  public SearchSteps.Committed commit(Commit r) {
    return served(() -> route(r.environment()).commit(r));
  }

  @Override
  public SearchSteps.Committed lookup(Lookup r) {
    return served(() -> route(r.environment()).lookup(r));
  }

  @Override
  public String trace(Trace r) {
    return served(() -> route(r.environment()).trace(r));
  }
}
