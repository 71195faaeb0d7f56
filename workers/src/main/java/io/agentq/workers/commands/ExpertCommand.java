package io.agentq.workers.commands;

import static io.agentq.workflows.evaluation.EvaluationActivities.SCRIPTED_EXPERT;

import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.evaluation.EvaluationRequest;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The scripted expert's success: an evaluation workflow of the site's scripted expert (it knows
 * each goal and hunts its target), with 8 steps more than a policy gets.
 */
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

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Episodes run at once (the evaluation workflow's window).")
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
    DriverFactory.known(driver);
    String runId = "expert-" + Long.toString(System.currentTimeMillis(), 36);
    int maxSteps = shop.maxSteps + 8; // room for paging through results to the target
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site)) {
      SampledTasks tasks = SampledTasks.of(rt.data(), s, limit);
      String label = s.name().toLowerCase(Locale.ROOT);
      try (AgentqStack stack = AgentqStack.start(rt, null, null, driver, Math.max(2, threads))) {
        Evaluation.Report r =
            Evaluation.run(
                stack,
                EvaluationRequest.plain(
                        StoreKeys.evaluationRun(runId, SCRIPTED_EXPERT, label, maxSteps, shop.seed),
                        SCRIPTED_EXPERT,
                        label,
                        tasks.taskIds().size(),
                        maxSteps,
                        shop.seed,
                        Math.max(1, threads))
                    .countingFailures(),
                driver,
                json
                    ? Progress.silent()
                    : new Progress(System.err, tasks.taskIds().size(), "expert"));
        EvalCommand.print(r, tasks, json);
      }
    }
    return 0;
  }
}
