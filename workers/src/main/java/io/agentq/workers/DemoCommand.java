package io.agentq.workers;

import io.agentq.core.EpisodeResult;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.policy.ZeroShotPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description =
        "Start everything embedded and run a handful of held-out episodes in headless Chromium.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--episodes", defaultValue = "6", description = "Held-out episodes to run.")
  int episodes;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() throws IOException {
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0)) {
      System.out.println(
          "Shop: "
              + rt.data().catalog().size()
              + " products, "
              + rt.data().goals().size()
              + " goals, served at "
              + rt.server().baseUrl());
      List<Goal> all = rt.data().goals(TaskSplit.HELDOUT);
      List<Goal> goals = all.subList(0, Math.min(episodes, all.size()));
      ZeroShotPolicy policy = ZeroShotPolicy.withDefaults();
      Evaluation.Report r =
          new Evaluation(rt, "playwright", 12, seed, 1)
              .run(
                  "heldout",
                  goals,
                  g -> policy,
                  new Progress(System.err, goals.size(), "episodes"));
      System.out.printf(
          "%n%-6s %-8s %-7s %-6s %s%n", "task", "success", "score", "steps", "instruction");
      for (EpisodeResult e : r.episodes()) {
        String text = rt.data().goal(Integer.parseInt(e.taskId())).instructionText();
        System.out.printf(
            "%-6s %-8s %-7.3f %-6d %s%n",
            e.taskId(),
            e.success() ? "yes" : "no",
            e.score(),
            e.steps(),
            text.length() > 70 ? text.substring(0, 67) + "..." : text);
      }
      System.out.printf(
          "%nzero-shot policy, no search, headless Chromium: success %s, mean score %.3f%n",
          r.success(), r.meanScore());
      Path out =
          ShopRuntime.home()
              .resolve("runs")
              .resolve("demo-" + System.currentTimeMillis() + ".json");
      Files.createDirectories(out.getParent());
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      Files.writeString(tmp, Json.write(r));
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("Trajectories: " + out);
    }
    return 0;
  }
}
