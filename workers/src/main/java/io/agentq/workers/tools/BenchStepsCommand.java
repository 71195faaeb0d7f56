package io.agentq.workers.tools;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.InputException;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.PlaywrightDriver;
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
 * {@code --variants}, through the browser once per way of settling a page (e.g. the path before
 * issue 19 against the current one), in turn within each episode, the order rotating from one
 * episode to the next; with {@code --screens}, also through the browser with the full-page PNG that
 * {@code --screens} keeps of every node's page taken after each step.
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

  @Option(
      names = "--variants",
      split = ",",
      description =
          "Ways the browser settles a page, each timed on the same actions: separate-calls (wait"
              + " for load, write the state, read the page: the path before issue 19), one-call"
              + " (the default). Default: one-call only.")
  List<String> variants = List.of("one-call");

  @Override
  public Integer call() {
    List<PlaywrightDriver.Settling> ways =
        variants.stream().map(BenchStepsCommand::settling).toList();
    List<DriverFactory> browsers = new ArrayList<>();
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0);
        DriverFactory http = new DriverFactory("http")) {
      ways.forEach(w -> browsers.add(new DriverFactory("playwright", w)));
      List<Goal> goals = rt.data().goals(TaskSplit.HELDOUT).subList(0, episodes);
      List<List<Double>> pw = new ArrayList<>();
      List<List<Double>> starts = new ArrayList<>();
      ways.forEach(
          w -> {
            pw.add(new ArrayList<>());
            starts.add(new ArrayList<>());
          });
      List<Double> fast = new ArrayList<>();
      List<Double> fastStarts = new ArrayList<>();
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
        for (int k = 0; k < ways.size(); k++) {
          int v = (k + round) % ways.size(); // rotate, so no way always runs first
          time(
              rt,
              browsers.get(v),
              g,
              actions,
              pw.get(v),
              starts.get(v),
              null,
              run + "-pw" + v + "-" + round);
        }
        time(rt, http, g, actions, fast, fastStarts, null, run + "-http" + round);
        if (screens) {
          time(
              rt,
              browsers.get(0),
              g,
              actions,
              shot,
              new ArrayList<>(),
              pngKb,
              run + "-shot" + round);
        }
      }
      System.out.printf(
          "steps: %d per driver over %d episodes (step: Environment.step; start: new driver +"
              + " reset)%n",
          fast.size(), episodes);
      for (int v = 0; v < ways.size(); v++) {
        System.out.printf(
            "playwright %-15s median %.2f ms  p90 %.2f ms   start median %.2f ms  p90 %.2f ms%n",
            variants.get(v),
            quantile(pw.get(v), 0.5),
            quantile(pw.get(v), 0.9),
            quantile(starts.get(v), 0.5),
            quantile(starts.get(v), 0.9));
      }
      System.out.printf(
          "http                       median %.2f ms  p90 %.2f ms   start median %.2f ms  p90 %.2f"
              + " ms%nratio (median, %s / http) %.1fx%n",
          quantile(fast, 0.5),
          quantile(fast, 0.9),
          quantile(fastStarts, 0.5),
          quantile(fastStarts, 0.9),
          variants.get(0),
          quantile(pw.get(0), 0.5) / quantile(fast, 0.5));
      if (screens) {
        System.out.printf(
            "playwright + screenshot  median %.2f ms  p90 %.2f ms (PNG median %.0f KB, p90 %.0f"
                + " KB)%n",
            quantile(shot, 0.5), quantile(shot, 0.9), quantile(pngKb, 0.5), quantile(pngKb, 0.9));
      }
    } finally {
      browsers.forEach(DriverFactory::close);
    }
    return 0;
  }

  private static PlaywrightDriver.Settling settling(String name) {
    return switch (name) {
      case "separate-calls" -> PlaywrightDriver.Settling.SEPARATE_CALLS;
      case "one-call" -> PlaywrightDriver.Settling.ONE_CALL;
      default ->
          throw new InputException(
              "--variants: unknown way '" + name + "' (use separate-calls and/or one-call)");
    };
  }

  private static void time(
      ShopRuntime rt,
      DriverFactory drivers,
      Goal g,
      List<Action> actions,
      List<Double> out,
      List<Double> starts,
      List<Double> screenKb,
      String session) {
    long s0 = System.nanoTime();
    try (Environment env = rt.episode(g, session, drivers)) {
      env.reset();
      starts.add((System.nanoTime() - s0) / 1e6);
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
