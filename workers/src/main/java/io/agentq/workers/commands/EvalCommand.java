package io.agentq.workers.commands;

import io.agentq.core.CategorySuccess;
import io.agentq.core.InputException;
import io.agentq.core.PassK;
import io.agentq.core.StoreKeys;
import io.agentq.core.TaskSampler;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.BookingTasks;
import io.agentq.workers.runtime.Json;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "eval",
    description = "Success rate (95%% CI) and mean score of the policy on a split.")
public final class EvalCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin SearchOptions search;

  @Option(
      names = "--temperature",
      description = "Sampling temperature of a stored policy (default: the one stored with it).")
  Double temperature;

  @Option(names = "--split", defaultValue = "heldout", description = "train, dev, heldout or all.")
  String split;

  @Option(
      names = "--limit",
      defaultValue = "200",
      description =
          "A seeded sample of N tasks of the split, stratified by product category (sample seed"
              + " 1; the whole split when N is larger).")
  int limit;

  @Option(
      names = "--driver",
      description =
          "playwright (real Chromium) or http; default playwright without search, http with mcts.")
  String driver;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Episodes run at once (the evaluation workflow's window).")
  int threads;

  @Option(names = "--json", description = "Print JSON, with every episode.")
  boolean json;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "Independent runs of every task (seeds --seed, --seed+1, ...); with 2 or more, pass^k"
              + " for k = 1..N (tau-bench: the chance that k runs of a task all succeed).")
  int runs;

  @Override
  public Integer call() {
    shop.check(true);
    boolean mcts = search.mcts();
    if (limit < 1) {
      throw new InputException("--limit must be at least 1, got " + limit);
    }
    if (runs < 1) {
      throw new InputException("--runs must be at least 1, got " + runs);
    }
    TaskSplit s = TaskSplit.parse(split);
    if (mcts && temperature != null) {
      throw new InputException(
          "--temperature applies without search; a search samples at the policy's stored"
              + " temperature");
    }
    // The booking site draws its controls with JavaScript: a real browser by default.
    String d =
        DriverFactory.known(
            driver != null ? driver : mcts && !shop.booking() ? "http" : "playwright");
    if (shop.booking() && d.equals("http")) {
      throw new InputException(
          "--env booking --driver http: the booking site renders its controls with JavaScript;"
              + " the http driver cannot run it: use --driver playwright");
    }
    // Bad search options are one line before anything starts.
    SearchConfig config = mcts ? search.config(shop.maxSteps, shop.seed) : null;
    EpisodeRequest.Orchestration orchestration = mcts ? search.orchestration(d) : null;
    String runId = search.runId();
    String label = s.name().toLowerCase(Locale.ROOT);
    // The shop runs beside the booking site: the stack's stored policies read its catalog.
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.booking() ? null : shop.site);
        BookingRuntime booking = shop.booking() ? BookingRuntime.connect(shop.site) : null) {
      SampledTasks tasks =
          booking == null
              ? SampledTasks.of(rt.data(), s, limit)
              : SampledTasks.of(booking.tasks(null), label, limit, BookingTasks.STRATA);
      List<Integer> goals = tasks.taskIds();
      String env = shop.env;
      String backedUp = BACKED_UP;
      List<Evaluation.Report> reports = new ArrayList<>();
      // The workers started here run the episodes with the driver asked for: without search each
      // episode is an activity in a sandbox session, with search a SearchEpisodeWorkflow.
      try (AgentqStack stack =
          AgentqStack.startWorkers(
              rt,
              booking == null ? List.of() : List.of(booking),
              search.temporal,
              search.s3,
              d,
              Math.max(2, threads),
              search.noWorkers ? java.util.Set.of() : AgentqStack.ALL_QUEUES)) {
        for (int run = 0; run < runs; run++) {
          long seed = shop.seed + run;
          String id = StoreKeys.onSite(runId, env) + (run == 0 ? "" : "-run" + run);
          EvaluationRequest request;
          if (mcts) {
            EpisodeRequest.Agents agents =
                search.agents(stack::artifacts, booking == null ? null : env);
            request =
                EvaluationRequest.searched(
                        id,
                        agents.policy(),
                        agents.critic(),
                        run == 0 ? config : search.config(shop.maxSteps, seed),
                        label,
                        goals.size(),
                        Math.max(1, threads))
                    .with(orchestration)
                    .countingFailures()
                    .on(booking == null ? null : env)
                    .valuedBy(agents.judge());
            backedUp = SearchOptions.backedUp(agents.judge());
            goals.forEach(g -> stack.refuseReused(request.episode(g)));
          } else {
            String policy =
                SearchOptions.policyName(
                    search.policy, stack::artifacts, booking == null ? null : env);
            boolean stored = !policy.equals("zero-shot");
            if (stored) {
              stack.policies().load(policy); // an unknown version is one line, not an activity's
            }
            Double t = stored ? temperature : null; // the zero-shot policy has no stored one
            request =
                EvaluationRequest.plain(
                        StoreKeys.evaluationRun(
                            StoreKeys.onSite(runId, env),
                            t == null ? policy : policy + "-temp" + t,
                            label,
                            shop.maxSteps,
                            seed),
                        policy,
                        label,
                        goals.size(),
                        shop.maxSteps,
                        seed,
                        Math.max(1, threads))
                    .withTemperature(t)
                    .countingFailures()
                    .on(booking == null ? null : env);
          }
          reports.add(
              Evaluation.run(
                  stack,
                  request,
                  d,
                  json
                      ? Progress.silent()
                      : new Progress(
                          System.err,
                          goals.size(),
                          runs == 1 ? "eval" : "eval run " + (run + 1) + "/" + runs)));
        }
      }
      if (runs == 1) {
        print(reports.get(0), tasks, json, env, backedUp);
      } else {
        printRuns(reports, tasks, json, env, backedUp);
      }
    }
    return 0;
  }

  /**
   * Several runs of the same tasks: each run's totals, then pass^k for k = 1..N over every task,
   * and, on the booking site, over its bookable and unbookable tasks apart.
   */
  static void printRuns(
      List<Evaluation.Report> reports,
      SampledTasks tasks,
      boolean json,
      String env,
      String backedUp) {
    List<Integer> ids = tasks.taskIds();
    Map<String, List<PassK.Runs>> groups = new LinkedHashMap<>();
    groups.put("all", new ArrayList<>());
    for (int i = 0; i < ids.size(); i++) {
      int successes = 0;
      for (Evaluation.Report r : reports) {
        successes += r.episodes().get(i).success() ? 1 : 0;
      }
      PassK.Runs task = new PassK.Runs(reports.size(), successes);
      groups.get("all").add(task);
      String category = tasks.categories().get(ids.get(i));
      if (env.equals(BookingRuntime.ENVIRONMENT) && category != null && category.contains("/")) {
        groups
            .computeIfAbsent(category.substring(0, category.indexOf('/')), g -> new ArrayList<>())
            .add(task);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", env);
    out.put("runs", reports.size());
    out.put("tasks", ids.size());
    if (!reports.get(0).search().equals("none")) {
      out.put("backedUp", backedUp);
    }
    Map<String, Object> passK = new LinkedHashMap<>();
    for (Map.Entry<String, List<PassK.Runs>> g : groups.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("tasks", g.getValue().size());
      for (int k = 1; k <= reports.size(); k++) {
        row.put("pass^" + k, PassK.of(g.getValue(), k));
      }
      passK.put(g.getKey(), row);
    }
    out.put("passK", passK);
    if (json) {
      List<Object> each = new ArrayList<>();
      for (Evaluation.Report r : reports) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("successRate", r.success().rate());
        one.put("ci95", List.of(r.success().low(), r.success().high()));
        one.put("meanSteps", r.meanSteps());
        one.put("failed", r.failed());
        one.put("episodes", r.episodes());
        each.add(one);
      }
      out.put("each", each);
      System.out.println(Json.write(out));
      return;
    }
    Evaluation.Report first = reports.get(0);
    System.out.printf(
        "env=%s policy=%s search=%s driver=%s split=%s tasks=%d runs=%d%ntasks: %s%nbudget: %s%s%n",
        env,
        first.policy(),
        first.search(),
        first.driver(),
        first.split(),
        first.tasks(),
        reports.size(),
        tasks.describe(),
        first.budget(),
        first.search().equals("none") ? "" : "\nthe search backs up: " + backedUp);
    for (int i = 0; i < reports.size(); i++) {
      Evaluation.Report r = reports.get(i);
      System.out.printf(
          "run %d: success %s, mean steps %.2f, failed %d, %.1f s%n",
          i + 1, r.success(), r.meanSteps(), r.failed(), r.seconds());
    }
    for (Map.Entry<String, Object> g : passK.entrySet()) {
      System.out.printf("pass^k (%s): %s%n", g.getKey(), g.getValue());
    }
  }

  /** The policy versions of a store, read with the shop's feature rows over {@code catalog}. */
  public static PolicyStore policies(
      io.agentq.infra.artifacts.JsonArtifacts artifacts,
      io.agentq.environments.shop.Catalog catalog) {
    return io.agentq.infra.training.ShopPolicyFeatures.store(artifacts, catalog);
  }

  /** What every searched number here rests on (the paper's protocol on the simulated WebShop). */
  static final String BACKED_UP = SearchOptions.backedUp(null);

  /** The report: totals, what the tasks are a sample of, then success per product category. */
  static void print(Evaluation.Report r, SampledTasks tasks, boolean json) {
    print(r, tasks, json, "shop", BACKED_UP);
  }

  static void print(
      Evaluation.Report r, SampledTasks tasks, boolean json, String env, String backedUp) {
    List<CategorySuccess> byCategory = tasks.byCategory(r.episodes());
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("environment", env);
      out.put("policy", r.policy());
      out.put("search", r.search());
      out.put("budget", r.budget());
      if (!r.search().equals("none")) {
        out.put("backedUp", backedUp);
      }
      out.put("driver", r.driver());
      out.put("split", r.split());
      out.put("tasks", r.tasks());
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("of", tasks.splitSize());
      sample.put("stratifiedBy", tasks.stratifiedBy());
      sample.put("seed", TaskSampler.SAMPLE_SEED);
      out.put("sample", sample);
      out.put("successRate", r.success().rate());
      out.put("ci95", List.of(r.success().low(), r.success().high()));
      out.put("meanScore", r.meanScore());
      out.put("meanSteps", r.meanSteps());
      out.put("seconds", r.seconds());
      out.put("failed", r.failed());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (CategorySuccess c : byCategory) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("category", c.category());
        row.put("tasks", c.tasks());
        row.put("successes", c.successes());
        row.put("rate", c.rate());
        rows.add(row);
      }
      out.put("byCategory", rows);
      out.put("episodes", r.episodes());
      System.out.println(Json.write(out));
    } else {
      System.out.printf(
          "env=%s policy=%s search=%s driver=%s split=%s tasks=%d%ntasks: %s%nbudget: %s%s%nsuccess %s%nmean score %.4f, mean steps %.2f, %.1f s%nfailed episodes (counted as no success): %d%n",
          env,
          r.policy(),
          r.search(),
          r.driver(),
          r.split(),
          r.tasks(),
          tasks.describe(),
          r.budget(),
          r.search().equals("none") ? "" : "\nthe search backs up: " + backedUp,
          r.success(),
          r.meanScore(),
          r.meanSteps(),
          r.seconds(),
          r.failed());
      System.out.printf(
          "success by %s:%n%s",
          env.equals("shop") ? "product category" : "category",
          CategorySuccess.markdown(byCategory));
    }
  }
}
