package io.agentq.workers.commands;

import io.agentq.core.CategorySuccess;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.TaskSampler;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.infra.training.LearnedPolicy;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.evaluation.SearchedEpisodes;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
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

  @Option(names = "--threads", defaultValue = "2", description = "Episodes run in parallel.")
  int threads;

  @Option(names = "--json", description = "Print JSON, with every episode.")
  boolean json;

  @Override
  public Integer call() {
    shop.check();
    boolean mcts = search.mcts();
    if (limit < 1) {
      throw new InputException("--limit must be at least 1, got " + limit);
    }
    TaskSplit s = TaskSplit.parse(split);
    String d = driver != null ? driver : mcts ? "http" : "playwright";
    String runId = search.runId();
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site)) {
      SampledTasks tasks = SampledTasks.of(rt.data(), s, limit);
      List<Goal> goals = tasks.goals();
      Progress progress = json ? Progress.silent() : new Progress(System.err, goals.size(), "eval");
      String label = s.name().toLowerCase(Locale.ROOT);
      Evaluation.Report r;
      if (mcts && temperature != null) {
        throw new InputException(
            "--temperature applies without search; a search samples at the policy's stored"
                + " temperature");
      }
      if (mcts) {
        SearchConfig config = search.config(shop.maxSteps, shop.seed);
        try (AgentqStack stack =
            AgentqStack.startWorkers(
                rt,
                search.temporal,
                search.s3,
                d,
                Math.max(2, threads),
                search.noWorkers ? java.util.Set.of() : AgentqStack.ALL_QUEUES)) {
          SearchedEpisodes episodes =
              new SearchedEpisodes(
                  stack, config, runId, search.orchestration(d), search.agents(stack::artifacts));
          r =
              Evaluation.run(
                  label, "mcts", config.budget(), d, goals, threads, episodes::run, progress);
        }
      } else {
        try (StoreOptions.Open store = storeIfNeeded();
            DriverFactory drivers = new DriverFactory(d)) {
          Policy policy =
              store == null ? ZeroShotPolicy.withDefaults() : stored(store, rt.data().catalog());
          r =
              Evaluation.run(
                  label,
                  "none",
                  "T=" + shop.maxSteps,
                  d,
                  goals,
                  threads,
                  g -> Evaluation.runOne(rt, drivers, g, policy, shop.maxSteps, shop.seed, runId),
                  progress);
        }
      }
      print(r, tasks, json);
    }
    return 0;
  }

  private StoreOptions.Open storeIfNeeded() {
    if (search.policy.equals("zero-shot")) {
      return null;
    }
    StoreOptions o = new StoreOptions();
    o.s3 = search.s3;
    return o.open();
  }

  /** The policy versions of a store, read with the shop's feature rows over {@code catalog}. */
  public static PolicyStore policies(
      io.agentq.infra.artifacts.JsonArtifacts artifacts,
      io.agentq.environments.shop.Catalog catalog) {
    return io.agentq.infra.training.ShopPolicyFeatures.store(artifacts, catalog);
  }

  private Policy stored(StoreOptions.Open store, io.agentq.environments.shop.Catalog catalog) {
    PolicyStore policies = policies(store.artifacts(), catalog);
    LearnedPolicy p = policies.load(search.agents(store::artifacts).policy());
    return temperature == null ? p : p.withTemperature(temperature);
  }

  /** What every searched number here rests on (the paper's protocol on the simulated WebShop). */
  static final String BACKED_UP =
      "site reward in a sandbox (each rollout is scored by the site in a sandbox session)";

  /** The report: totals, what the tasks are a sample of, then success per product category. */
  static void print(Evaluation.Report r, SampledTasks tasks, boolean json) {
    List<CategorySuccess> byCategory = tasks.byCategory(r.episodes());
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("policy", r.policy());
      out.put("search", r.search());
      out.put("budget", r.budget());
      if (!r.search().equals("none")) {
        out.put("backedUp", BACKED_UP);
      }
      out.put("driver", r.driver());
      out.put("split", r.split());
      out.put("tasks", r.tasks());
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("of", tasks.splitSize());
      sample.put("stratifiedBy", "product category");
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
          "policy=%s search=%s driver=%s split=%s tasks=%d%ntasks: %s%nbudget: %s%s%nsuccess %s%nmean score %.4f, mean steps %.2f, %.1f s%nfailed episodes (counted as no success): %d%n",
          r.policy(),
          r.search(),
          r.driver(),
          r.split(),
          r.tasks(),
          tasks.describe(),
          r.budget(),
          r.search().equals("none") ? "" : "\nthe search backs up: " + BACKED_UP,
          r.success(),
          r.meanScore(),
          r.meanSteps(),
          r.seconds(),
          r.failed());
      System.out.printf("success by product category:%n%s", CategorySuccess.markdown(byCategory));
    }
  }
}
