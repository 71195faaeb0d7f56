package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "expert", description = "The scripted expert's success: proves the goals solvable.")
public final class ExpertCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;

  @Option(names = "--split", defaultValue = "all", description = "train, dev, heldout or all.")
  String split;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description =
          "A seeded sample of N tasks of the split, stratified by product category (0: all).")
  int limit;

  @Option(names = "--driver", defaultValue = "http", description = "http or playwright.")
  String driver;

  @Option(names = "--threads", defaultValue = "2", description = "Episodes run in parallel.")
  int threads;

  @Option(names = "--json", description = "Print JSON, with every episode.")
  boolean json;

  @Override
  public Integer call() {
    shop.check();
    if (limit < 0) {
      throw new InputException("--limit must be 0 (all) or more, got " + limit);
    }
    TaskSplit s = TaskSplit.parse(split);
    String runId = "expert-" + Long.toString(System.currentTimeMillis(), 36);
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site)) {
      SampledTasks tasks = SampledTasks.of(rt.data(), s, limit);
      List<Goal> goals = tasks.goals();
      try (DriverFactory drivers = new DriverFactory(driver)) {
        Evaluation.Report r =
            Evaluation.run(
                s.name().toLowerCase(java.util.Locale.ROOT),
                "none",
                "T=" + (shop.maxSteps + 8),
                driver,
                goals,
                threads,
                g ->
                    Evaluation.runOne(
                        rt,
                        drivers,
                        g,
                        new ScriptedExpert(g, rt.data().target(g)),
                        shop.maxSteps + 8,
                        shop.seed,
                        runId),
                json ? Progress.silent() : new Progress(System.err, goals.size(), "expert"));
        EvalCommand.print(r, tasks, json);
      }
    }
    return 0;
  }
}
