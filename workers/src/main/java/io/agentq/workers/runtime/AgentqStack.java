package io.agentq.workers.runtime;

import io.agentq.activities.cycle.CycleActivitiesImpl;
import io.agentq.activities.evaluation.EvaluationActivitiesImpl;
import io.agentq.activities.search.AgentCatalog;
import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.activities.search.EnvironmentRouter;
import io.agentq.activities.search.PolicyActivitiesImpl;
import io.agentq.activities.search.SiteEnvironmentActivities;
import io.agentq.activities.search.StoredAgents;
import io.agentq.activities.training.DataActivitiesImpl;
import io.agentq.activities.training.TaskSites;
import io.agentq.activities.training.TrainerActivitiesImpl;
import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.environments.site.Site;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.CriticStore;
import io.agentq.infra.training.ListwiseFeatures;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workflows.cycle.CollectWorkflowImpl;
import io.agentq.workflows.cycle.DailyCycleWorkflowImpl;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.EvaluationResult;
import io.agentq.workflows.evaluation.EvaluationWorkflow;
import io.agentq.workflows.evaluation.EvaluationWorkflowImpl;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.SearchEpisodeWorkflowImpl;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.training.DataCollected;
import io.agentq.workflows.training.DataRequest;
import io.agentq.workflows.training.DataWorkflow;
import io.agentq.workflows.training.DataWorkflowImpl;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import io.agentq.workflows.training.TrainingRoundWorkflow;
import io.agentq.workflows.training.TrainingRoundWorkflowImpl;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Everything a durable search needs, in one process by default: the SDK's in-process Temporal
 * service on a local port (or a real cluster at {@code --temporal}), an S3-compatible server
 * in-process with files under $AGENTQ_HOME/s3 (or MinIO at {@code --s3}), the shop, and workers on
 * the workflow, browser and policy task queues.
 */
public final class AgentqStack implements AutoCloseable {
  public static final String BUCKET = "agentq";

  /** All four task queues: the all-in-one process. */
  public static final java.util.Set<String> ALL_QUEUES =
      java.util.Set.of(
          TaskQueues.WORKFLOW, TaskQueues.BROWSER, TaskQueues.POLICY, TaskQueues.TRAINER);

  private final ShopRuntime shop;
  private final EmbeddedS3 s3;
  private final Closeable temporalServer;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final DriverFactory drivers;
  private final JsonArtifacts artifacts;
  private final String temporalTarget;

  /** The site side of episodes, for every site this process serves (null: no queues served). */
  public final EnvironmentRouter environment;

  public final PolicyActivitiesImpl policy;
  private final PolicyStore policies;
  private final AgentCatalog agents;
  public final ArtifactActivitiesImpl artifactActivities;

  private AgentqStack(
      ShopRuntime shop,
      String temporal,
      String s3Url,
      String driver,
      int browserSlots,
      java.util.Set<String> queues,
      Boolean sticky,
      java.util.List<SiteRuntime> others) {
    this.shop = shop;
    java.util.List<Site> sites = new java.util.ArrayList<>();
    sites.add(shop.site());
    others.forEach(o -> sites.add(o.site()));
    Closeable server = null;
    EmbeddedS3 embedded = null;
    try {
      String endpoint = s3Url;
      if (endpoint == null) {
        embedded = EmbeddedS3.start(ShopRuntime.home().resolve("s3"), 0);
        endpoint = embedded.endpoint();
      }
      artifacts = connectArtifacts(endpoint);
      String target = temporal;
      if (target == null) {
        int port = freePort();
        server = TestServer.createPortBoundServer(port);
        target = "127.0.0.1:" + port;
      }
      temporalTarget = target;
      stubs = connect(target, temporal != null);
      TemporalService service = TemporalService.of(stubs, target, temporal == null);
      service.prepareSearchAttributes();
      client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      drivers = new DriverFactory(driver);
      ObservationStore observations = new ObservationStore(artifacts);
      // A client-only process (no queues) loads no policy.
      boolean serving = !queues.isEmpty();
      policies =
          io.agentq.infra.training.ShopPolicyFeatures.store(artifacts, shop.data().catalog());
      agents =
          new StoredAgents(
              policies,
              critics(artifacts, policies),
              new io.agentq.infra.judge.JudgeStore(artifacts));
      environment =
          serving
              ? new EnvironmentRouter(
                  sites.stream()
                      .map(
                          site ->
                              new SiteEnvironmentActivities(site, drivers, observations, agents))
                      .toList())
              : null;
      policy = serving ? new PolicyActivitiesImpl(agents, observations) : null;
      artifactActivities = new ArtifactActivitiesImpl(artifacts);
      workers = WorkerFactory.newInstance(client);
      if (queues.contains(TaskQueues.WORKFLOW)) {
        var wf = workers.newWorker(TaskQueues.WORKFLOW, service.workflowWorkerOptions(sticky));
        wf.registerWorkflowImplementationTypes(
            SearchEpisodeWorkflowImpl.class,
            TrainingRoundWorkflowImpl.class,
            DailyCycleWorkflowImpl.class,
            CollectWorkflowImpl.class,
            EvaluationWorkflowImpl.class,
            DataWorkflowImpl.class);
        // The policy and the browser beside the workflows: local activities (no round trip); the
        // cycle's store side as activities of the workflow queue.
        wf.registerActivitiesImplementations(
            artifactActivities,
            policy,
            environment,
            new CycleActivitiesImpl(artifacts, taskSites(shop, others), policies),
            new EvaluationActivitiesImpl(artifacts, taskSites(shop, others), agents),
            new DataActivitiesImpl(artifacts, taskSites(shop, others), agents));
      }
      if (queues.contains(TaskQueues.BROWSER)) {
        // One browser per slot: Chromium contexts are the scarce resource on these queues. Each
        // site served here has its own queue, so browser workers can be given sites.
        for (String env : environment.environments()) {
          workers
              .newWorker(
                  TaskQueues.browser(env),
                  WorkerOptions.newBuilder()
                      .setMaxConcurrentActivityExecutionSize(browserSlots)
                      .build())
              .registerActivitiesImplementations(environment);
        }
      }
      if (queues.contains(TaskQueues.POLICY)) {
        workers.newWorker(TaskQueues.POLICY).registerActivitiesImplementations(policy);
      }
      if (queues.contains(TaskQueues.TRAINER)) {
        // One training at a time: a run uses every core (or the GPU) it is given.
        workers
            .newWorker(
                TaskQueues.TRAINER,
                WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build())
            .registerActivitiesImplementations(
                new TrainerActivitiesImpl(artifacts, policies, agents));
      }
      workers.start();
    } catch (RuntimeException e) {
      closeQuietly(server);
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
    this.s3 = embedded;
    this.temporalServer = server;
  }

  public static AgentqStack start(
      ShopRuntime shop, String temporal, String s3, String driver, int browserSlots) {
    return new AgentqStack(
        shop, temporal, s3, driver, browserSlots, ALL_QUEUES, null, java.util.List.of());
  }

  /**
   * The all-in-one process with sticky execution of its workflow worker forced on or off (by
   * default it is off only beside the SDK's test server run as a service; see {@link
   * TemporalService}).
   */
  public static AgentqStack startSticky(
      ShopRuntime shop,
      String temporal,
      String s3,
      String driver,
      int browserSlots,
      boolean sticky) {
    return new AgentqStack(
        shop, temporal, s3, driver, browserSlots, ALL_QUEUES, sticky, java.util.List.of());
  }

  /** Workers for some task queues only, e.g. a browser worker beside a real cluster. */
  public static AgentqStack startWorkers(
      ShopRuntime shop,
      String temporal,
      String s3,
      String driver,
      int browserSlots,
      java.util.Set<String> queues) {
    return new AgentqStack(
        shop, temporal, s3, driver, browserSlots, queues, null, java.util.List.of());
  }

  /**
   * Workers for some task queues that serve other sites beside the shop (each site its own browser
   * queue), e.g. the booking site.
   */
  public static AgentqStack startWorkers(
      ShopRuntime shop,
      java.util.List<SiteRuntime> others,
      String temporal,
      String s3,
      String driver,
      int browserSlots,
      java.util.Set<String> queues) {
    return new AgentqStack(shop, temporal, s3, driver, browserSlots, queues, null, others);
  }

  private TaskSites taskSites(ShopRuntime shop, java.util.List<SiteRuntime> others) {
    java.util.List<io.agentq.activities.training.TaskSite> all = new java.util.ArrayList<>();
    all.add(new ShopTasks(shop, drivers));
    others.forEach(o -> all.add(o.tasks(drivers)));
    return new TaskSites(all);
  }

  private static WorkflowServiceStubs connect(String target, boolean userGiven) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(target).build(),
          // Generous: a loaded machine or a cluster still starting answers slowly; the embedded
          // service runs in this process and only ever answers late (CI saw 15 s run out at load
          // 39).
          Duration.ofSeconds(userGiven ? 15 : 60));
    } catch (RuntimeException e) {
      String what =
          userGiven ? "--temporal " + target : "the embedded Temporal service at " + target;
      throw new InputException(
          what
              + ": cannot reach a Temporal service there ("
              + e.getClass().getSimpleName()
              + "); start one (docker compose up temporal) or leave --temporal out for the embedded one");
    }
  }

  ShopRuntime shop() {
    return shop;
  }

  /** The policy versions of the store, read with the shop's feature rows (one per process). */
  public PolicyStore policies() {
    return policies;
  }

  /** The policies and critics this process serves, by name. */
  AgentCatalog agents() {
    return agents;
  }

  public JsonArtifacts artifacts() {
    return artifacts;
  }

  public WorkflowClient client() {
    return client;
  }

  public String temporalTarget() {
    return temporalTarget;
  }

  /**
   * A workflow on the workflow queue whose id may run again once closed (its finished work is read
   * back from the store).
   */
  /**
   * Options of a workflow that records agentq's search attributes ({@link Visibility}): the
   * environment is the shop; the workflow sets its policy.
   */
  private static WorkflowOptions visible(WorkflowOptions options) {
    return WorkflowOptions.newBuilder(options)
        .setTypedSearchAttributes(Visibility.started(ShopRuntime.ENVIRONMENT, null, null))
        .build();
  }

  private static WorkflowOptions rerunnable(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.WORKFLOW)
        .setWorkflowId(workflowId)
        .setWorkflowIdReusePolicy(
            io.temporal.api.enums.v1.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  /**
   * Runs a training round through the TrainingRoundWorkflow and waits for it; a round started again
   * with the same id attaches to the running one or finds its finished work in the store.
   */
  public RoundResult runRound(RoundRequest asked) {
    RoundRequest request = firstRequestOf(asked);
    String resultKey = "rounds/" + request.roundId() + "/result.json";
    java.util.Optional<RoundResult> finished = artifacts.get(resultKey, RoundResult.class);
    if (finished.isPresent()) {
      return finished.get(); // a finished round is read back, never run again
    }
    RoundResult result = startRound(request);
    artifacts.put(resultKey, "round-result", result);
    return result;
  }

  private RoundResult startRound(RoundRequest request) {
    TrainingRoundWorkflow wf =
        client.newWorkflowStub(
            TrainingRoundWorkflow.class, visible(rerunnable("round-" + request.roundId())));
    try {
      return wf.run(request);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted running) {
      return client
          .newUntypedWorkflowStub("round-" + request.roundId())
          .getResult(RoundResult.class);
    } catch (io.temporal.client.WorkflowFailedException e) {
      Throwable t = e.getCause();
      while (t != null) {
        if (t instanceof io.temporal.failure.ApplicationFailure f
            && (f.getType().endsWith("InputException")
                || f.getType().endsWith("TrainingDiverged"))) {
          throw new InputException(
              "training round " + request.roundId() + ": " + f.getOriginalMessage());
        }
        t = t.getCause();
      }
      throw e;
    }
  }

  /**
   * The request a round was first started with: a round started again runs what it started with
   * (the version to beat included, which the first run may have changed by promoting), and a round
   * id reused for other training is bad input.
   */
  private RoundRequest firstRequestOf(RoundRequest asked) {
    String key = "rounds/" + asked.roundId() + "/request.json";
    java.util.Optional<RoundRequest> before = artifacts.get(key, RoundRequest.class);
    if (before.isEmpty()) {
      artifacts.put(key, "round-request", asked);
      return asked;
    }
    RoundRequest b = before.get();
    if (!withCurrent(b, null).equals(withCurrent(asked, null))) {
      throw new InputException(
          "round id reused: round "
              + asked.roundId()
              + " was started with "
              + b.method()
              + " on "
              + b.data().stream().map(d -> d.describe()).toList()
              + " of data, "
              + b.config().describe()
              + "; this run asks "
              + asked.method()
              + " on "
              + asked.data().stream().map(d -> d.describe()).toList()
              + " of data, "
              + asked.config().describe()
              + ". Use a new --round-id, or the same options as before.");
    }
    return b;
  }

  private static RoundRequest withCurrent(RoundRequest r, String current) {
    return new RoundRequest(
        r.roundId(),
        r.method(),
        r.description(),
        r.parent(),
        current,
        r.hidden(),
        r.temperature(),
        r.config(),
        r.data(),
        r.pairsPerTask(),
        r.dev(),
        r.promotionMargin(),
        r.layout(),
        r.promote());
  }

  /**
   * Collects training data through the DataWorkflow and waits for it, showing its episodes as they
   * finish; started again with the same prefix, it attaches or reads its episodes back.
   */
  public DataCollected collect(DataRequest request, Progress progress) {
    DataWorkflow wf = client.newWorkflowStub(DataWorkflow.class, rerunnable(request.workflowId()));
    try {
      return watched(
          () -> {
            DataWorkflow.Progress p =
                client.newWorkflowStub(DataWorkflow.class, request.workflowId()).progress();
            return new int[] {p.done(), p.successes()};
          },
          progress,
          () -> {
            try {
              WorkflowClient.start(wf::run, request);
            } catch (io.temporal.client.WorkflowExecutionAlreadyStarted running) {
              // another process runs it: wait for its result
            }
            return client
                .newUntypedWorkflowStub(request.workflowId())
                .getResult(DataCollected.class);
          },
          c -> new int[] {c.episodes().size(), c.successes()});
    } catch (io.temporal.client.WorkflowFailedException e) {
      throw InputException.in(e).orElseThrow(() -> e);
    }
  }

  /**
   * Runs an evaluation through the EvaluationWorkflow and waits for it; started again with the same
   * episodes' place, it attaches to the running one or reads its finished episodes back.
   */
  public EvaluationResult evaluate(EvaluationRequest request) {
    return evaluate(request, Progress.silent());
  }

  /**
   * {@link #evaluate(EvaluationRequest)}, showing its episodes on {@code progress} as they finish
   * (the workflow's progress query, asked every second). Bad input behind its failure (an unknown
   * policy, a run id reused) is one line.
   */
  public EvaluationResult evaluate(EvaluationRequest request, Progress progress) {
    String id = request.workflowId();
    EvaluationWorkflow wf =
        client.newWorkflowStub(EvaluationWorkflow.class, visible(rerunnable(id)));
    try {
      return watched(
          () -> {
            EvaluationWorkflow.Progress p =
                client.newWorkflowStub(EvaluationWorkflow.class, id).progress();
            return new int[] {p.done(), p.successes()};
          },
          progress,
          () -> {
            try {
              WorkflowClient.start(wf::run, request);
            } catch (io.temporal.client.WorkflowExecutionAlreadyStarted running) {
              // another caller runs it: wait for its result
            }
            return client.newUntypedWorkflowStub(id).getResult(EvaluationResult.class);
          },
          r -> new int[] {r.summary().tasks(), r.summary().successes()});
    } catch (io.temporal.client.WorkflowFailedException e) {
      var bad = EvaluationWorkflowImpl.badInputIn(e);
      if (bad.isPresent()) {
        throw new InputException(bad.get().getOriginalMessage());
      }
      throw InputException.in(e).orElseThrow(() -> e);
    }
  }

  /**
   * Runs {@code run} while asking {@code doneAndSuccesses} every second for the episodes a workflow
   * finished and won so far, and shows the new ones on {@code progress}; when it returns, the
   * episodes finished since the last look are shown from its result ({@code finalCount}).
   */
  private static <T> T watched(
      java.util.function.Supplier<int[]> doneAndSuccesses,
      Progress progress,
      java.util.function.Supplier<T> run,
      java.util.function.Function<T, int[]> finalCount) {
    int[] shown = {0, 0};
    java.util.function.Consumer<int[]> show =
        p -> {
          synchronized (shown) {
            for (; shown[1] < p[1]; shown[1]++, shown[0]++) {
              progress.done(true);
            }
            for (; shown[0] < p[0]; shown[0]++) {
              progress.done(false);
            }
          }
        };
    java.util.concurrent.ScheduledExecutorService watch =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    watch.scheduleAtFixedRate(
        () -> {
          try {
            show.accept(doneAndSuccesses.get());
          } catch (RuntimeException notYet) {
            // not started yet, or between tasks
          }
        },
        1,
        1,
        java.util.concurrent.TimeUnit.SECONDS);
    try {
      T result = run.get();
      watch.shutdownNow();
      show.accept(finalCount.apply(result));
      return result;
    } finally {
      watch.shutdownNow();
    }
  }

  /**
   * Runs one episode through the SearchEpisodeWorkflow and waits for it. A run id used before with
   * another task or config is bad input: one line, exit code 2.
   */
  public EpisodeArtifacts runEpisode(EpisodeRequest request) {
    refuseReused(request);
    SearchEpisodeWorkflow wf =
        client.newWorkflowStub(
            SearchEpisodeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setWorkflowId(request.episodeId())
                .setWorkflowExecutionTimeout(Duration.ofHours(2))
                .setTypedSearchAttributes(
                    Visibility.started(ShopRuntime.ENVIRONMENT, null, request.agents().policy()))
                .build());
    try {
      EpisodeArtifacts done;
      try {
        done = wf.run(request);
      } catch (io.temporal.client.WorkflowExecutionAlreadyStarted running) {
        // A client that died and came back: the episode still runs on the cluster; wait for it.
        done = client.newUntypedWorkflowStub(request.episodeId()).getResult(EpisodeArtifacts.class);
      }
      History.archive(this, request.episodeId(), StoreKeys.episodeHistory(request.episodeId()));
      return done;
    } catch (io.temporal.client.WorkflowException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.temporal.failure.ApplicationFailure f
            && ArtifactActivitiesImpl.RUN_ID_REUSED.equals(f.getType())) {
          throw new InputException(f.getOriginalMessage());
        }
      }
      throw e;
    }
  }

  /**
   * Refuses an episode whose id was used before with another task, search or agents: bad input in
   * one line, asked before anything starts rather than read from a failed workflow's log.
   */
  public void refuseReused(EpisodeRequest request) {
    var conflict = new ArtifactActivitiesImpl(artifacts).reuseConflict(request);
    if (conflict.isPresent()) {
      throw new InputException(conflict.get());
    }
  }

  /** The learned critics of a store, over the features of its policies. */
  public static CriticStore critics(JsonArtifacts artifacts, PolicyStore policies) {
    return new CriticStore(artifacts, new ListwiseFeatures(policies.features()));
  }

  /** The artifact bucket on an S3 server, with credentials from the environment or the defaults. */
  public static JsonArtifacts connectArtifacts(String endpoint) {
    return new JsonArtifacts(
        S3ArtifactStore.connect(
            endpoint,
            env("AGENTQ_S3_ACCESS_KEY", EmbeddedS3.ACCESS_KEY),
            env("AGENTQ_S3_SECRET_KEY", EmbeddedS3.SECRET_KEY),
            BUCKET));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port", e);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException | RuntimeException ignored) {
        // best effort on a failed start
      }
    }
  }

  @Override
  public void close() {
    // Pollers first, and wait for them: a poller whose channel closes under it logs a stack trace
    // (and the embedded server one per stream still open), noise on a command's one-line error.
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
    stubs.shutdownNow();
    closeQuietly(temporalServer);
    drivers.close();
    if (s3 != null) {
      s3.close();
    }
  }
}
