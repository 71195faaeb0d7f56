package io.agentq.activities.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.SearchSteps;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.ShopSite;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.policy.BasePolicyCritic;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.workflows.search.EnvironmentActivities;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow with the real activities (fast HTTP driver, s3proxy): a policy that proposes an
 * action naming nothing on the page gets it recorded as an invalid node, not a crash; a history
 * limit makes the episode continue-as-new from its checkpoint and still finish.
 */
class SearchWorkflowActivitiesTest {
  @TempDir static Path dir;
  static ShopServer shop;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static DriverFactory drivers;

  /** The zero-shot policy, except that its last proposal is always CLICK [999]. */
  record SometimesInvalid(Policy base) implements Policy {
    public List<CompositeAction> propose(AgentState s, int k, RandomGenerator r) {
      List<CompositeAction> out = new ArrayList<>(base.propose(s, k, r));
      if (k > 1 && !out.isEmpty()) {
        out.set(
            out.size() - 1,
            new CompositeAction("", "try a ghost", new Action.Click(999), "", -7.0));
      }
      return out;
    }

    public double logLikelihood(AgentState s, Action a) {
      return base.logLikelihood(s, a);
    }

    public String name() {
      return "sometimes-invalid";
    }
  }

  @BeforeAll
  static void start() {
    new CatalogGenerator(31, 5, 2).write(dir.resolve("shop"));
    shop =
        ShopServer.start(
            ShopData.load(dir.resolve("shop/catalog.json"), dir.resolve("shop/goals.jsonl")),
            new OpenNlpNounExtractor(),
            0,
            ShopServer.Options.at(dir.resolve("orders.db")));
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "test"));
    drivers = new DriverFactory("http");
  }

  @AfterAll
  static void stop() {
    drivers.close();
    s3.close();
    shop.close();
  }

  /** The site side, tallying the environment steps it spends: steps, rollout steps, commits. */
  record Tallied(EnvironmentActivities env, AtomicInteger spent) implements EnvironmentActivities {
    @Override
    public SearchSteps.Start open(Open r) {
      return env.open(r);
    }

    @Override
    public SearchSteps.Outcome step(Step request) {
      SearchSteps.Outcome o = env.step(request);
      spent.addAndGet(1 + (o.rollout() == null ? 0 : o.rollout().steps()));
      return o;
    }

    @Override
    public SearchSteps.Rollout rollout(Rollout request) {
      SearchSteps.Rollout r = env.rollout(request);
      spent.addAndGet(r.steps());
      return r;
    }

    @Override
    public SearchSteps.Committed commit(Commit request) {
      SearchSteps.Committed c = env.commit(request);
      spent.incrementAndGet();
      return c;
    }

    @Override
    public SearchSteps.Committed lookup(Lookup request) {
      return env.lookup(request);
    }

    @Override
    public String trace(Trace request) {
      return env.trace(request);
    }
  }

  static EpisodeArtifacts run(TestWorkflowEnvironment env, Policy policy, EpisodeRequest request) {
    return run(env, policy, request, new AtomicInteger());
  }

  static EpisodeArtifacts run(
      TestWorkflowEnvironment env, Policy policy, EpisodeRequest request, AtomicInteger spent) {
    ObservationStore observations = new ObservationStore(artifacts);
    env.newWorker(TaskQueues.WORKFLOW)
        .registerWorkflowImplementationTypes(SearchEpisodeWorkflowImpl.class);
    PolicyActivitiesImpl policyActivities =
        new PolicyActivitiesImpl(
            AgentCatalog.of(policy, new BasePolicyCritic(ZeroShotPolicy.withDefaults())),
            observations);
    // Local policy calls run in the workflow worker; queued ones on the policy queue.
    EnvironmentActivities environment =
        new Tallied(
            new SiteEnvironmentActivities(
                new ShopSite(shop.baseUrl()), drivers, observations, AgentCatalog.of(policy, null)),
            spent);
    // Local policy calls and sandbox steps run in the workflow worker; queued ones on the queues.
    env.getWorkerFactory()
        .getWorker(TaskQueues.WORKFLOW)
        .registerActivitiesImplementations(
            new ArtifactActivitiesImpl(artifacts), policyActivities, environment);
    env.newWorker(TaskQueues.BROWSER).registerActivitiesImplementations(environment);
    env.newWorker(TaskQueues.POLICY).registerActivitiesImplementations(policyActivities);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            SearchEpisodeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setWorkflowId(request.episodeId())
                .build())
        .run(request);
  }

  @Test
  void invalidProposalsAreRecordedAsInvalidNodes() {
    // c_exp = 4 makes UCB1 try the critic's last choice (the ghost) by the 4th iteration at a node.
    SearchConfig config =
        new SearchConfig(4, 2, 8, 4.0, 0.5, 0.1, 4, SearchConfig.RolloutValue.SCORE, 3);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      EpisodeArtifacts a =
          run(
              env,
              new SometimesInvalid(ZeroShotPolicy.withDefaults()),
              EpisodeRequest.of("invalid-1", 1, config)
                  .with(
                      EpisodeRequest.Orchestration.defaults()
                          .withLocalPolicy(false)
                          .withLocalSteps(false)));
      TreeSnapshot tree = artifacts.get(a.treeKey(), TreeSnapshot.class).orElseThrow();
      List<TreeSnapshot.Node> ghosts =
          tree.nodes().stream()
              .filter(n -> n.proposal() != null && n.proposal().command().equals("CLICK [999]"))
              .toList();
      assertFalse(ghosts.isEmpty());
      ghosts.stream()
          .filter(n -> n.state() != null)
          .forEach(
              n -> {
                assertTrue(n.state().invalid());
                assertEquals("invalid action: no element [999] on this page", n.state().message());
              });
      assertTrue(
          ghosts.stream().anyMatch(n -> n.state() != null), "at least one ghost was executed");
      assertTrue(a.summary().steps() >= 1);
    }
  }

  @Test
  void aPolicyTheWorkerCannotServeFailsTheEpisodeAtOnceWithItsName() {
    // On the policy queue (a policy worker of its own), calls are retried for half an hour, as a
    // policy worker may be restarting; without the conversion to a non-retryable failure a name
    // the worker cannot serve would be retried as long (here the test service skips the half hour,
    // and the episode ends with the retried InputException instead of a non-retryable BadInput).
    SearchConfig config =
        new SearchConfig(2, 2, 6, 1.0, 0.5, 0.1, 2, SearchConfig.RolloutValue.SUCCESS, 5);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowFailedException failed =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () ->
                  assertThrows(
                      WorkflowFailedException.class,
                      () ->
                          run(
                              env,
                              ZeroShotPolicy.withDefaults(),
                              EpisodeRequest.of("unserved-1", 3, config)
                                  .with(new EpisodeRequest.Agents("v7", "base-ranking"))
                                  .with(
                                      EpisodeRequest.Orchestration.defaults()
                                          .withLocalPolicy(false)))));
      Throwable cause = failed;
      while (cause.getCause() != null && !(cause instanceof ApplicationFailure)) {
        cause = cause.getCause();
      }
      ApplicationFailure bad = assertInstanceOf(ApplicationFailure.class, cause);
      assertEquals(SearchEpisodeWorkflow.BAD_INPUT, bad.getType());
      assertTrue(bad.isNonRetryable());
      assertTrue(
          bad.getOriginalMessage().contains("policy 'v7' is not served by this worker"),
          bad.getOriginalMessage());
    }
  }

  @Test
  void continuesAsNewFromItsCheckpointAndFinishes() {
    SearchConfig config =
        new SearchConfig(2, 2, 6, 1.0, 0.5, 0.1, 2, SearchConfig.RolloutValue.SCORE, 4);
    AtomicInteger spent = new AtomicInteger();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      EpisodeArtifacts a =
          run(
              env,
              ZeroShotPolicy.withDefaults(),
              EpisodeRequest.of("can-1", 2, config)
                  .with(
                      // Steps as activities: the history grows with each one (local activities
                      // are recorded only when a workflow task completes).
                      EpisodeRequest.Orchestration.defaults()
                          .withLocalSteps(false)
                          .withMaxHistoryEvents(30)),
              spent);
      var events = env.getWorkflowClient().fetchHistory("can-1").getEvents();
      String continuedFrom =
          events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      assertFalse(continuedFrom.isEmpty(), "the last run continued from an earlier one");
      assertTrue(a.summary().steps() >= 1);
      TreeSnapshot tree = artifacts.get(a.treeKey(), TreeSnapshot.class).orElseThrow();
      assertEquals(a.summary().iterations(), tree.iterations());
      // Every run counted on from its checkpoint: the tree holds what all runs spent.
      assertEquals(spent.get(), a.summary().interactions());
      assertEquals(spent.get(), tree.interactions());
    }
  }
}
