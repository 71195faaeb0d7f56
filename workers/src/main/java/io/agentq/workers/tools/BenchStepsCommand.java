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
 * {@code --variants}, through the browser once per variant of its path (e.g. the path before issue
 * 19 against the current one), the variants' episodes side by side, taking turns step by step; with
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

  @Option(
      names = "--variants",
      split = ",",
      description =
          "Browser paths, each timed on the same actions: before (each page read by three calls:"
              + " wait for load, write the state, read the page; each episode in a new browser"
              + " context: the path before issue 19), one-call (each page read by one call that"
              + " awaits its readiness; new contexts), after (one call, warm contexts: the"
              + " default). Default: after only.")
  List<String> variants = List.of("after");

  @Override
  public Integer call() {
    List<String> ways = List.copyOf(variants);
    List<DriverFactory> browsers = new ArrayList<>();
    try (ShopRuntime rt = ShopRuntime.start(ShopRuntime.load(null, null), 0);
        DriverFactory http = new DriverFactory("http")) {
      ways.forEach(w -> browsers.add(browser(w)));
      List<Goal> goals = rt.data().goals(TaskSplit.HELDOUT).subList(0, episodes);
      List<List<Double>> pw = new ArrayList<>();
      List<List<Double>> overheads = new ArrayList<>();
      ways.forEach(
          w -> {
            pw.add(new ArrayList<>());
            overheads.add(new ArrayList<>());
          });
      List<Double> fast = new ArrayList<>();
      List<Double> fastOverheads = new ArrayList<>();
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
        lockstep(rt, browsers, g, actions, pw, overheads, round, run + "-pw" + round);
        time(rt, http, g, actions, fast, fastOverheads, null, run + "-http" + round);
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
          "steps: %d per driver over %d episodes (step: Environment.step; episode: new driver,"
              + " reset and close)%n",
          fast.size(), episodes);
      for (int v = 0; v < ways.size(); v++) {
        System.out.printf(
            "playwright %-15s median %.2f ms  p90 %.2f ms   episode median %.2f ms  p90 %.2f ms%n",
            variants.get(v),
            quantile(pw.get(v), 0.5),
            quantile(pw.get(v), 0.9),
            quantile(overheads.get(v), 0.5),
            quantile(overheads.get(v), 0.9));
      }
      System.out.printf(
          "http                       median %.2f ms  p90 %.2f ms   episode median %.2f ms  p90"
              + " %.2f ms%nratio (median, %s / http) %.1fx%n",
          quantile(fast, 0.5),
          quantile(fast, 0.9),
          quantile(fastOverheads, 0.5),
          quantile(fastOverheads, 0.9),
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

  private static DriverFactory browser(String variant) {
    return switch (variant) {
      case "before" ->
          new DriverFactory("playwright", PlaywrightDriver.Settling.SEPARATE_CALLS, false);
      case "one-call" -> new DriverFactory("playwright", PlaywrightDriver.Settling.ONE_CALL, false);
      case "after" -> new DriverFactory("playwright", PlaywrightDriver.Settling.ONE_CALL, true);
      default ->
          throw new InputException(
              "--variants: unknown variant '" + variant + "' (use before, one-call, after)");
    };
  }

  /**
   * Walks {@code actions} in one new episode per browser variant at once, step by step: the
   * variants take turns at each step, the order rotating from step to step, so that this machine's
   * noise (other processes come and go within seconds) hits them alike. Into {@code steps} each
   * variant's ms per step; into {@code overheads} what its episode costs besides the steps (a
   * driver, the start page, and the close, where a warm context is emptied for the next episode).
   */
  private static void lockstep(
      ShopRuntime rt,
      List<DriverFactory> browsers,
      Goal g,
      List<Action> actions,
      List<List<Double>> steps,
      List<List<Double>> overheads,
      int round,
      String session) {
    int n = browsers.size();
    List<Environment> envs = new ArrayList<>(java.util.Collections.nCopies(n, null));
    double[] cost = new double[n];
    try {
      for (int k = 0; k < n; k++) {
        int v = (k + round) % n;
        long t0 = System.nanoTime();
        envs.set(v, rt.episode(g, session + "-" + v, browsers.get(v)));
        envs.get(v).reset();
        cost[v] += (System.nanoTime() - t0) / 1e6;
      }
      for (int i = 0; i < actions.size(); i++) {
        for (int k = 0; k < n; k++) {
          int v = (k + round + i) % n;
          long t0 = System.nanoTime();
          envs.get(v).step(actions.get(i));
          steps.get(v).add((System.nanoTime() - t0) / 1e6);
        }
      }
    } finally {
      for (int k = 0; k < n; k++) {
        int v = (k + round) % n;
        if (envs.get(v) != null) {
          long t0 = System.nanoTime();
          envs.get(v).close();
          cost[v] += (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    for (int v = 0; v < n; v++) {
      overheads.get(v).add(cost[v]);
    }
  }

  /**
   * Walks {@code actions} in a new episode: each step's ms into {@code out}; into {@code overhead}
   * what the episode costs besides its steps (a driver, the start page, and closing the driver,
   * where a warm context is emptied for the next episode).
   */
  private static void time(
      ShopRuntime rt,
      DriverFactory drivers,
      Goal g,
      List<Action> actions,
      List<Double> out,
      List<Double> overhead,
      List<Double> screenKb,
      String session) {
    long s0 = System.nanoTime();
    Environment env = rt.episode(g, session, drivers);
    double spent = 0;
    try {
      env.reset();
      spent = (System.nanoTime() - s0) / 1e6;
      for (Action a : actions) {
        long t0 = System.nanoTime();
        env.step(a);
        if (screenKb != null) {
          byte[] png = ((WebEnvironment) env).driver().screenshot().orElseThrow();
          screenKb.add(png.length / 1024.0);
        }
        out.add((System.nanoTime() - t0) / 1e6);
      }
    } finally {
      long c0 = System.nanoTime();
      env.close();
      spent += (System.nanoTime() - c0) / 1e6;
    }
    overhead.add(spent);
  }

  static double quantile(List<Double> xs, double q) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
  }
}
