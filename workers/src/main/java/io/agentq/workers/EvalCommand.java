package io.agentq.workers;

import io.agentq.core.InputException;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.policy.ZeroShotPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "eval",
    description = "Success rate (95% CI) and mean score of the policy on a split.")
final class EvalCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;

  @Option(names = "--split", defaultValue = "heldout", description = "train, heldout or all.")
  String split;

  @Option(names = "--limit", defaultValue = "200", description = "First N tasks of the split.")
  int limit;

  @Option(
      names = "--search",
      defaultValue = "none",
      description = "Search at inference time: none.")
  String search;

  @Option(
      names = "--driver",
      defaultValue = "playwright",
      description = "playwright (real Chromium) or http.")
  String driver;

  @Option(names = "--threads", defaultValue = "2", description = "Episodes run in parallel.")
  int threads;

  @Option(names = "--json", description = "Print JSON, with every episode.")
  boolean json;

  @Override
  public Integer call() {
    shop.check();
    ShopOptions.checkSearch(search);
    if (limit < 1) {
      throw new InputException("--limit must be at least 1, got " + limit);
    }
    TaskSplit s = TaskSplit.parse(split);
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(shop.catalog, shop.goals), 0)) {
      List<Goal> all = rt.data().goals(s);
      List<Goal> goals = all.subList(0, Math.min(limit, all.size()));
      ZeroShotPolicy policy = ZeroShotPolicy.withDefaults();
      Evaluation.Report r =
          new Evaluation(rt, driver, shop.maxSteps, shop.seed, threads)
              .run(
                  s.name().toLowerCase(),
                  goals,
                  g -> policy,
                  json ? Progress.silent() : new Progress(System.err, goals.size(), "eval"));
      print(r, json, search);
    }
    return 0;
  }

  static void print(Evaluation.Report r, boolean json, String search) {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("policy", r.policy());
      out.put("search", search);
      out.put("driver", r.driver());
      out.put("split", r.split());
      out.put("tasks", r.tasks());
      out.put("successRate", r.success().rate());
      out.put("ci95", List.of(r.success().low(), r.success().high()));
      out.put("meanScore", r.meanScore());
      out.put("meanSteps", r.meanSteps());
      out.put("seconds", r.seconds());
      out.put("episodes", r.episodes());
      System.out.println(Json.write(out));
    } else {
      System.out.printf(
          "policy=%s search=%s driver=%s split=%s tasks=%d%nsuccess %s%nmean score %.4f, mean steps %.2f, %.1f s%n",
          r.policy(),
          search,
          r.driver(),
          r.split(),
          r.tasks(),
          r.success(),
          r.meanScore(),
          r.meanSteps(),
          r.seconds());
    }
  }
}
