package io.agentq.workers.tools;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.WebEnvironment;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.runtime.ShopRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Milliseconds per environment step through the real browser and through the fast driver, on the
 * same action sequences, interleaved episode by episode so machine noise hits both alike; with
 * {@code --screens}, also through the browser with the full-page PNG that {@code --screens} keeps
 * of every node's page taken after each step.
 */
@Command(
    name = "bench-steps",
    description = "Median ms per environment step: Playwright vs HTTP driver.")
public final class BenchStepsCommand implements Callable<Integer> {
  @Option(names = "--episodes", defaultValue = "30")
  int episodes;

  @Option(
      names = "--screens",
      description = "Also time Playwright steps each followed by a full-page PNG screenshot.")
  boolean screens;

  @Override
  public Integer call() {
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0);
        DriverFactory http = new DriverFactory("http");
        DriverFactory browser = new DriverFactory("playwright")) {
      List<Goal> goals = rt.data().goals(TaskSplit.HELDOUT).subList(0, episodes);
      List<Double> pw = new ArrayList<>();
      List<Double> fast = new ArrayList<>();
      List<Double> shot = new ArrayList<>();
      List<Double> pngKb = new ArrayList<>();
      int round = 0;
      String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
      for (Goal g : goals) {
        Episode script =
            Evaluation.runOne(
                rt, http, g, new ScriptedExpert(g, rt.data().target(g)), 20, 1, run + "-script");
        List<Action> actions =
            script.steps().stream().map(Episode.Step::command).map(ActionParser::parse).toList();
        round++;
        time(rt, browser, g, actions, pw, null, run + "-pw" + round);
        time(rt, http, g, actions, fast, null, run + "-http" + round);
        if (screens) {
          time(rt, browser, g, actions, shot, pngKb, run + "-shot" + round);
        }
      }
      System.out.printf(
          "steps: %d per driver over %d episodes%nplaywright  median %.2f ms  p90 %.2f ms%nhttp        median %.2f ms  p90 %.2f ms%nratio (median) %.1fx%n",
          pw.size(),
          episodes,
          quantile(pw, 0.5),
          quantile(pw, 0.9),
          quantile(fast, 0.5),
          quantile(fast, 0.9),
          quantile(pw, 0.5) / quantile(fast, 0.5));
      if (screens) {
        System.out.printf(
            "playwright + screenshot  median %.2f ms  p90 %.2f ms (PNG median %.0f KB, p90 %.0f"
                + " KB)%n",
            quantile(shot, 0.5), quantile(shot, 0.9), quantile(pngKb, 0.5), quantile(pngKb, 0.9));
      }
    }
    return 0;
  }

  private static void time(
      ShopRuntime rt,
      DriverFactory drivers,
      Goal g,
      List<Action> actions,
      List<Double> out,
      List<Double> screenKb,
      String session) {
    try (Environment env = rt.episode(g, session, drivers)) {
      env.reset();
      for (Action a : actions) {
        long t0 = System.nanoTime();
        env.step(a);
        if (screenKb != null) {
          byte[] png = ((WebEnvironment) env).driver().screenshot().orElseThrow();
          screenKb.add(png.length / 1024.0);
        }
        out.add((System.nanoTime() - t0) / 1e6);
      }
    }
  }

  static double quantile(List<Double> xs, double q) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
  }
}
