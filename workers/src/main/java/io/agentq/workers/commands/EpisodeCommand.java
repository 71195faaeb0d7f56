package io.agentq.workers.commands;

import io.agentq.core.Episode;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SearchedEpisodes;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import io.agentq.workers.runtime.ShopRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "episode", description = "Run one episode and print its outcome and trajectory.")
public final class EpisodeCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin SearchOptions search;

  @Option(
      names = "--task",
      required = true,
      description = "Task id (line number in the goals file).")
  int task;

  @Option(
      names = "--driver",
      defaultValue = "playwright",
      description = "playwright (real Chromium) or http.")
  String driver;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    shop.check();
    boolean mcts = search.mcts();
    String runId = search.runId();
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site)) {
      Goal goal = rt.data().goal(task);
      Episode r;
      String where = "";
      if (mcts) {
        try (AgentqStack stack =
            AgentqStack.startWorkers(
                rt,
                search.temporal,
                search.s3,
                driver,
                2,
                search.noWorkers ? java.util.Set.of() : AgentqStack.ALL_QUEUES)) {
          SearchedEpisodes episodes =
              new SearchedEpisodes(
                  stack,
                  search.config(shop.maxSteps, shop.seed),
                  runId,
                  search.orchestration(driver),
                  search.agents(stack::artifacts));
          r = episodes.run(goal);
          where =
              "artifacts: "
                  + stack.artifacts().store().location()
                  + " episodes/"
                  + episodes.episodeId(goal)
                  + "/";
        }
      } else {
        StoreOptions storeAt = new StoreOptions();
        storeAt.s3 = search.s3;
        boolean stored = !search.policy.equals("zero-shot");
        try (StoreOptions.Open store = stored ? storeAt.open() : null;
            DriverFactory drivers = new DriverFactory(driver)) {
          io.agentq.core.Policy policy =
              stored
                  ? EvalCommand.policies(store.artifacts(), rt.data().catalog())
                      .load(search.agents(store::artifacts).policy())
                  : ZeroShotPolicy.withDefaults();
          r = Evaluation.runOne(rt, drivers, goal, policy, shop.maxSteps, shop.seed, runId);
        }
      }
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.println("task " + task + ": " + goal.instructionText());
        for (Episode.Step s : r.steps()) {
          System.out.printf(
              "  %2d. %-40s %s%n", s.step(), s.command(), s.invalid() ? s.message() : "");
        }
        System.out.printf(
            "success=%s score=%.4f steps=%d policy=%s search=%s driver=%s%n",
            r.success(), r.score(), r.length(), r.policy(), search.search, driver);
        if (!where.isEmpty()) {
          System.out.println(where);
        }
      }
    }
    return 0;
  }
}
