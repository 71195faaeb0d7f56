package io.agentq.workers;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.activities.search.PolicyActivitiesImpl;
import io.agentq.activities.search.SiteEnvironmentActivities;
import io.agentq.core.Policy;
import io.agentq.core.search.SearchSteps;
import io.agentq.environments.site.Site;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.policy.BasePolicyCritic;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * A workflow service, workers and the real activities of one site for one "process lifetime":
 * closing it loses everything the embedded service held, as a crash would; the site and the store
 * remain. Sandbox steps and policy calls are local activities of the workflow worker; commits and
 * lookups go to the site's own browser queue.
 */
final class SearchRig implements AutoCloseable {
  final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  SearchRig(
      JsonArtifacts artifacts,
      Site site,
      DriverFactory drivers,
      Policy policy,
      UnaryOperator<EnvironmentActivities> browser) {
    this(artifacts, site, drivers, policy, AgentCatalog.of(policy, null), browser);
  }

  /** With the browser side's agents (its rollout policy and judges) from {@code browserAgents}. */
  SearchRig(
      JsonArtifacts artifacts,
      Site site,
      DriverFactory drivers,
      Policy policy,
      AgentCatalog browserAgents,
      UnaryOperator<EnvironmentActivities> browser) {
    ObservationStore observations = new ObservationStore(artifacts);
    PolicyActivitiesImpl policyActivities =
        new PolicyActivitiesImpl(
            AgentCatalog.of(policy, new BasePolicyCritic(ZeroShotPolicy.withDefaults())),
            observations);
    env.newWorker(TaskQueues.WORKFLOW)
        .registerWorkflowImplementationTypes(SearchEpisodeWorkflowImpl.class);
    EnvironmentActivities environment =
        browser.apply(new SiteEnvironmentActivities(site, drivers, observations, browserAgents));
    env.getWorkerFactory()
        .getWorker(TaskQueues.WORKFLOW)
        .registerActivitiesImplementations(
            new ArtifactActivitiesImpl(artifacts), policyActivities, environment);
    env.newWorker(TaskQueues.browser(site.environment()))
        .registerActivitiesImplementations(environment);
    env.start();
  }

  SearchEpisodeWorkflow episode(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            SearchEpisodeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setWorkflowId(id)
                .build());
  }

  EpisodeArtifacts run(EpisodeRequest request) {
    return episode(request.episodeId()).run(request);
  }

  void start(EpisodeRequest request) {
    WorkflowClient.start(episode(request.episodeId())::run, request);
  }

  @Override
  public void close() {
    env.close();
  }

  /** The browser activities, except that a commit hangs after the site answered it. */
  record HangAfterCommit(EnvironmentActivities real, CountDownLatch never)
      implements EnvironmentActivities {
    public SearchSteps.Start open(Open r) {
      return real.open(r);
    }

    public SearchSteps.Outcome step(Step r) {
      return real.step(r);
    }

    public SearchSteps.Rollout rollout(Rollout r) {
      return real.rollout(r);
    }

    public SearchSteps.Committed commit(Commit r) {
      real.commit(r);
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the worker died");
    }

    public SearchSteps.Committed lookup(Lookup r) {
      return real.lookup(r);
    }

    public String trace(Trace r) {
      return real.trace(r);
    }
  }

  /** The browser activities, each call's name recorded. */
  record Recording(EnvironmentActivities real, List<String> calls)
      implements EnvironmentActivities {
    public SearchSteps.Start open(Open r) {
      calls.add("open");
      return real.open(r);
    }

    public SearchSteps.Outcome step(Step r) {
      calls.add("step");
      return real.step(r);
    }

    public SearchSteps.Rollout rollout(Rollout r) {
      calls.add("rollout");
      return real.rollout(r);
    }

    public SearchSteps.Committed commit(Commit r) {
      calls.add("commit");
      return real.commit(r);
    }

    public SearchSteps.Committed lookup(Lookup r) {
      calls.add("lookup");
      return real.lookup(r);
    }

    public String trace(Trace r) {
      calls.add("trace");
      return real.trace(r);
    }
  }
}
