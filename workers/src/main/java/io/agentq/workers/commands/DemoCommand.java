package io.agentq.workers.commands;

import io.agentq.core.Episode;
import io.agentq.core.StoreKeys;
import io.agentq.core.search.SearchConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.Main;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.training.EvalSummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description =
        "Start everything embedded (Temporal, S3, shop, workers), run held-out episodes with and"
            + " without search, then a small complete self-improvement cycle: a base policy, collect"
            + " with search, pairs, train, evaluate, promote, report.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--episodes", defaultValue = "5", description = "Held-out episodes to run.")
  int episodes;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(
      names = "--cycle-budget",
      defaultValue = "1000",
      description = "Environment interactions of the demo cycle's collection (0: no cycle).")
  int cycleBudget;

  @Override
  public Integer call() throws Exception {
    episodes();
    if (cycleBudget <= 0) {
      return 0;
    }
    // A small complete cycle, as an operator runs one: the base (BC on expert demonstrations, a
    // training round), then one daily cycle from it. Both read back what an earlier demo finished.
    System.out.printf(
        "%nA small self-improvement cycle: the base policy, then one cycle from it%n");
    int rc =
        Main.execute(
            "train-base",
            "--round-id",
            "demo-base",
            "--demos",
            "40",
            "--epochs",
            "10",
            "--dev-tasks",
            "20");
    if (rc != 0) {
      return rc;
    }
    String base;
    try (StoreOptions.Open store = new StoreOptions().open()) {
      base =
          store
              .artifacts()
              .get(
                  StoreKeys.round("demo-base", "version.json"),
                  com.fasterxml.jackson.databind.JsonNode.class)
              .map(n -> n.path("version").asText())
              .orElseThrow(() -> new IllegalStateException("train-base stored no version"));
    }
    rc =
        Main.execute(
            "cycle",
            "start",
            "--id",
            "demo-from-" + base,
            "--policy",
            base,
            "--budget",
            Integer.toString(cycleBudget),
            "--dev-tasks",
            "40",
            "--heldout-tasks",
            "100",
            "--heldout-search-tasks",
            "10");
    if (rc == 0) {
      summary("demo-from-" + base);
    }
    System.out.printf(
        "%nThe cycle's record: bin/agentq cycle status demo-from-%s; every cycle: bin/agentq cycle"
            + " list%n",
        base);
    return rc;
  }

  /** The point of the demo in a few lines: before and after, where the report is, the UI. */
  private static void summary(String cycleId) {
    try (StoreOptions.Open store = new StoreOptions().open()) {
      CycleRecord c =
          store
              .artifacts()
              .get(io.agentq.activities.cycle.CycleKeys.record(cycleId), CycleRecord.class)
              .orElseThrow(() -> new IllegalStateException("cycle " + cycleId + " has no record"));
      CycleRecord.Evaluated e = c.evaluated();
      System.out.printf("%nBefore and after the cycle, on held-out tasks nothing trained on:%n");
      System.out.printf("  without search: %s%n", beforeAfter(e.parent(), e.candidate()));
      if (e.parentSearch() != null && e.candidateSearch() != null) {
        System.out.printf(
            "  with search:    %s%n", beforeAfter(e.parentSearch(), e.candidateSearch()));
      }
      System.out.printf(
          "  %s%n",
          Boolean.TRUE.equals(c.promoted())
              ? "the candidate was promoted (not worse on dev)"
              : "the candidate was not promoted (worse on dev)");
      System.out.printf(
          "Report: %s%n",
          ShopRuntime.home().resolve("reports").resolve(cycleId).resolve("report.html"));
      System.out.printf(
          "UI: bin/agentq ui --port 8080, then open http://127.0.0.1:8080/cycle/%s%n", cycleId);
    }
  }

  private static String beforeAfter(EvalSummary before, EvalSummary after) {
    return String.format(
        "%s %s -> %s %s",
        before.policy(),
        io.agentq.core.SuccessRate.of(before.successes(), before.tasks()),
        after.policy(),
        io.agentq.core.SuccessRate.of(after.successes(), after.tasks()));
  }

  private void episodes() {
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0)) {
      List<Goal> all = rt.data().sample(TaskSplit.HELDOUT);
      // The held-out sample's first tasks: a handful of product types, one each.
      List<Goal> goals = all.subList(0, Math.min(episodes, all.size()));
      System.out.printf(
          "Shop: %d products, %d goals (%d held out), at %s%n",
          rt.data().catalog().size(), rt.data().goals().size(), all.size(), rt.baseUrl());
      String runId = "demo-" + Long.toString(System.currentTimeMillis(), 36);
      Evaluation.Report plain;
      // Each part on workers with its own page driver: Chromium without search, HTTP for the
      // search's many sandbox steps.
      try (AgentqStack chromium = AgentqStack.start(rt, null, null, "playwright", 1)) {
        plain =
            Evaluation.run(
                chromium,
                EvaluationRequest.plain(
                        StoreKeys.evaluationRun(runId, "zero-shot", "heldout", 12, seed),
                        "zero-shot",
                        "heldout",
                        goals.size(),
                        12,
                        seed,
                        1)
                    .countingFailures(),
                "playwright",
                new Progress(System.err, goals.size(), "no search, headless Chromium "));
      }
      SearchConfig config = SearchConfig.defaults().withSeed(seed);
      Evaluation.Report searched;
      try (AgentqStack stack = AgentqStack.start(rt, null, null, "http", 2)) {
        System.err.println(
            "Temporal (embedded) at "
                + stack.temporalTarget()
                + ", artifacts in "
                + stack.artifacts().store().location());
        searched =
            Evaluation.run(
                stack,
                EvaluationRequest.searched(
                        runId, "zero-shot", "base-ranking", config, "heldout", goals.size(), 2)
                    .countingFailures(),
                "http",
                new Progress(System.err, goals.size(), "MCTS as Temporal workflows     "));
        System.out.printf("%n%-6s %-18s %-18s %s%n", "task", "no search", "mcts", "instruction");
        for (int i = 0; i < goals.size(); i++) {
          Episode a = plain.episodes().get(i);
          Episode b = searched.episodes().get(i);
          String text = goals.get(i).instructionText();
          System.out.printf(
              "%-6s %-18s %-18s %s%n",
              a.taskId(),
              cell(a),
              cell(b),
              text.length() > 60 ? text.substring(0, 57) + "..." : text);
        }
        System.out.printf(
            "%nno search: success %s, mean score %.3f%n", plain.success(), plain.meanScore());
        System.out.printf(
            "mcts:      success %s, mean score %.3f  (%s)%n",
            searched.success(), searched.meanScore(), config.budget());
        System.out.printf(
            "Artifacts (tree.json, trajectory.json, pairs.jsonl, manifest.json per episode): %s under episodes/%s-t*/; files in %s%n",
            stack.artifacts().store().location(),
            runId,
            ShopRuntime.home().resolve("s3").resolve(AgentqStack.BUCKET));
        System.out.printf(
            "The shop's orders (one per purchase, under the key EPISODE:irreversible:1): %s"
                + " (while a shop runs: GET /api/orders)%n",
            ShopRuntime.database());
      }
    }
  }

  private static String cell(Episode r) {
    return String.format("%s %.3f/%d", r.success() ? "yes" : "no ", r.score(), r.length());
  }
}
