package io.agentq.workers.commands;

import io.agentq.activities.training.TaskSite;
import io.agentq.core.Environment;
import io.agentq.core.InputException;
import io.agentq.core.SuccessRate;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.judge.DeviatingPolicy;
import io.agentq.infra.judge.JudgeEpisodes;
import io.agentq.infra.judge.JudgeStore;
import io.agentq.infra.judge.JudgeTraining;
import io.agentq.infra.judge.LabelledEpisode;
import io.agentq.infra.judge.LearnedJudge;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.infra.training.LearnedPolicy;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workers.evaluation.JudgeReport;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.ShopTasks;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The outcome judge: labelled episodes of several sources (policies of varied quality) on the
 * train, dev and held-out samples of the sites {@code --env} names (the shop over HTTP, the booking
 * site in headless Chromium, or both), run in this process in sandbox sessions and kept in the
 * store per site, source and split as they end (a rerun reads them back); a judge trained on the
 * train episodes of every named site with its threshold chosen on their dev episodes, stored as the
 * next judge version ({@code judges/jN}); then its agreement, precision, recall and reliability on
 * each site's held-out episodes against that site's own outcomes, printed and written as a JSON
 * report and a plot. With {@code --judge} a stored judge is measured instead, on whichever sites
 * are named: a judge trained on the shop measured with {@code --env booking} says how it does on
 * the other site.
 */
@Command(
    name = "train-judge",
    description =
        "The outcome judge: labelled episodes (zero-shot, expert, expert with deviations, a"
            + " stored policy's) on"
            + " seeded stratified samples of train, dev and held-out tasks of --env (shop,"
            + " booking, or shop,booking: one judge for both); an MLP over the episode's"
            + " instruction, commands and final page trained on train, its threshold chosen on"
            + " dev, stored as the next judge version (judge:jN); measured on held-out, per site.")
public final class TrainJudgeCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Option(
      names = "--train-tasks",
      defaultValue = "600",
      description =
          "Train tasks per source and site (the first N of the split's seeded stratified"
              + " sample).")
  int trainTasks;

  @Option(
      names = "--dev-tasks",
      defaultValue = "200",
      description = "Dev tasks per source; the threshold is chosen on them.")
  int devTasks;

  @Option(
      names = "--heldout-tasks",
      defaultValue = "300",
      description = "Held-out tasks per source, measured once; never used to choose anything.")
  int heldoutTasks;

  @Option(
      names = "--sources",
      defaultValue = "zero-shot,expert,expert-deviating",
      split = ",",
      description =
          "Where episodes come from: zero-shot (the built-in policy), expert (the scripted"
              + " expert) and expert-deviating (the expert, a random click instead at each step"
              + " with probability --deviation) and policy:vN (a stored policy's own episodes at"
              + " its temperature: near misses as well as successes).")
  List<String> sources;

  @Option(
      names = "--deviation",
      defaultValue = "0.3",
      description = "expert-deviating: the chance of a random click at each step.")
  double deviation;

  @Option(names = "--hidden", defaultValue = "32", split = ",", description = "Hidden layers.")
  List<Integer> hidden;

  @Option(names = "--epochs", defaultValue = "40", description = "Passes over the episodes.")
  int epochs;

  @Option(names = "--batch", defaultValue = "32", description = "Episodes per gradient step.")
  int batch;

  @Option(names = "--lr", defaultValue = "3e-3", description = "Adam's learning rate.")
  double learningRate;

  @Option(
      names = "--judge",
      description =
          "Measure this stored judge (judge:jN) on held-out of --env instead of training a new"
              + " one (e.g. a judge trained on the shop, measured with --env booking).")
  String judgeName;

  @Option(
      names = "--measure",
      defaultValue = "heldout",
      description =
          "The split the judge is measured on: heldout (the reported numbers), or dev while"
              + " features and settings are being chosen (held-out is then never run).")
  String measure;

  @Option(
      names = "--report",
      description = "Folder of report.json and reliability.png (default: $AGENTQ_HOME/judges/jN).")
  Path report;

  @Option(
      names = "--booking-max-steps",
      defaultValue = "20",
      description =
          "The booking site's step limit T (its expert takes up to 19 steps; --max-steps is the"
              + " shop's).")
  int bookingMaxSteps;

  @Override
  public Integer call() {
    List<String> envs = environments(shop.env);
    shop.defaultSteps(false); // --max-steps is the shop's here
    if (shop.maxSteps < 1 || bookingMaxSteps < 1) {
      throw new InputException(
          "--max-steps and --booking-max-steps must be at least 1, got "
              + shop.maxSteps
              + " and "
              + bookingMaxSteps);
    }
    if (envs.size() > 1 && shop.site != null) {
      throw new InputException(
          "--site names one site, but --env "
              + String.join(",", envs)
              + " runs several: leave --site out and both run in this process");
    }
    if (trainTasks < 1 || devTasks < 1 || heldoutTasks < 1) {
      throw new InputException("--train-tasks, --dev-tasks and --heldout-tasks must be positive");
    }
    if (!measure.equals("heldout") && !measure.equals("dev")) {
      throw new InputException("--measure: use heldout or dev, not '" + measure + "'");
    }
    if (!(deviation >= 0 && deviation <= 1)) {
      throw new InputException("--deviation must be in [0, 1], got " + deviation);
    }
    JudgeTraining.Spec spec =
        new JudgeTraining.Spec(hidden, epochs, batch, learningRate, shop.seed);
    for (String s : sources) {
      if (!SOURCES.contains(s.strip()) && !s.strip().matches("policy:v?[0-9]+")) {
        throw new InputException(
            "--sources: unknown source '"
                + s
                + "' (use "
                + String.join(", ", SOURCES)
                + " or policy:vN, a stored policy)");
      }
    }
    long start = System.nanoTime();
    try (StoreOptions.Open open = store.open()) {
      JudgeStore judges = new JudgeStore(open.artifacts());
      LearnedJudge named = judgeName == null ? null : judges.load(judgeName); // before the sites
      policies = loadPolicies(open); // an unknown version is one line, before the sites start
      run(open, judges, named, spec, envs, start);
    }
    return 0;
  }

  private static final List<String> SOURCES = List.of("zero-shot", "expert", "expert-deviating");

  /** The stored policies the sources name (policy:vN), loaded once. */
  private Map<String, LearnedPolicy> policies = Map.of();

  private Map<String, LearnedPolicy> loadPolicies(StoreOptions.Open open) {
    Map<String, LearnedPolicy> out = new LinkedHashMap<>();
    PolicyStore store = null;
    for (String s : sources) {
      if (s.strip().startsWith("policy:")) {
        String v = PolicyStore.normalise(s.strip().substring("policy:".length()));
        if (store == null) {
          store = EvalCommand.policies(open.artifacts(), shop.data().catalog());
        }
        if (store.manifest(v).isEmpty()) {
          throw new InputException("--sources " + s.strip() + ": no policy " + v + " in the store");
        }
        out.put(v, store.load(v));
      }
    }
    return out;
  }

  private static final List<String> ENVIRONMENTS =
      List.of(ShopRuntime.ENVIRONMENT, BookingRuntime.ENVIRONMENT);

  /**
   * The sites {@code --env} names: one, or several separated by commas ("shop,booking"), each once,
   * in the order given.
   */
  static List<String> environments(String env) {
    List<String> out = new ArrayList<>();
    for (String e : env.split(",", -1)) {
      String s = e.strip();
      if (!ENVIRONMENTS.contains(s)) {
        throw new InputException(
            "--env: unknown environment '"
                + s
                + "' (available: shop, booking, or both as shop,booking)");
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** One site's part of a run: its adapter, its sources and where its episodes are kept. */
  private record SiteData(
      JudgeEpisodes.Site site, List<JudgeEpisodes.Source> sources, JudgeEpisodes data) {}

  /** The sites of a run, open (in this process, or the one --site names), closed in reverse. */
  private final class Sites implements AutoCloseable {
    final List<SiteData> sites = new ArrayList<>();
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    Sites(List<String> envs, StoreOptions.Open store) {
      try {
        for (String env : envs) {
          TaskSite tasks;
          int maxSteps;
          if (env.equals(BookingRuntime.ENVIRONMENT)) {
            BookingRuntime rt = keep(BookingRuntime.connect(shop.site));
            // The booking site draws its controls with JavaScript: only a real browser runs it.
            tasks = rt.tasks(keep(new DriverFactory("playwright")));
            maxSteps = bookingMaxSteps;
          } else {
            ShopRuntime rt = keep(ShopRuntime.connect(shop.data(), shop.site));
            tasks = new ShopTasks(rt, keep(new DriverFactory("http")));
            maxSteps = shop.maxSteps;
          }
          sites.add(
              new SiteData(
                  site(tasks),
                  sources(tasks),
                  new JudgeEpisodes(store.artifacts(), maxSteps, shop.seed)));
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private <T extends AutoCloseable> T keep(T resource) {
      open.push(resource);
      return resource;
    }

    @Override
    public void close() {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          System.err.println("closing " + e.getMessage());
        }
      }
    }
  }

  private void run(
      StoreOptions.Open open,
      JudgeStore judges,
      LearnedJudge named,
      JudgeTraining.Spec spec,
      List<String> envs,
      long start) {
    try (Sites sites = new Sites(envs, open)) {
      LearnedJudge judge = named;
      String version;
      if (named == null) {
        Collected train = collect(sites, "train", trainTasks);
        Collected dev = collect(sites, "dev", devTasks);
        version = judges.versions().allocate("train-judge");
        JudgeTraining.Result r =
            new JudgeTraining(judges)
                .train(version, spec, train.episodes(), dev.episodes(), train.keys(), dev.keys());
        judge = r.judge();
        System.out.printf(
            Locale.ROOT,
            "judge %s: %s, %d epochs (last loss %.4f), threshold %.3f chosen on dev: %s (%.1f s)%n",
            version,
            r.version().architecture(),
            r.version().epochs(),
            r.version().losses().get(r.version().losses().size() - 1),
            r.version().threshold(),
            r.dev(),
            r.seconds());
      } else {
        version = JudgeStore.normalise(judgeName);
      }
      Collected held = collect(sites, measure, measure.equals("dev") ? devTasks : heldoutTasks);
      JudgeReport rep = JudgeReport.of(judge, measure, held.episodes());
      System.out.print(rep.text());
      // The shop's report keeps its place (judges/jN/heldout.json); other sites' are named by them,
      // so that measuring a judge on another site never overwrites its report on its own.
      String measured = String.join("+", envs);
      boolean shopOnly = measured.equals(ShopRuntime.ENVIRONMENT);
      String name = shopOnly ? measure : measure + "-" + measured;
      Path home = ShopRuntime.home().resolve("judges").resolve(version);
      Path dir = report != null ? report : shopOnly ? home : home.resolve(measured);
      rep.write(open.artifacts(), version, name, dir);
      System.out.printf(
          Locale.ROOT,
          "report: %s, plot: %s; stored as judges/%s/%s.json (use the judge as judge:%s); %.1f s%n",
          dir.resolve("report.json"),
          dir.resolve("reliability.png"),
          version,
          name,
          version,
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** A split's episodes of every source and where they are kept. */
  private record Collected(List<LabelledEpisode> episodes, List<String> keys) {}

  private Collected collect(Sites sites, String split, int limit) {
    List<LabelledEpisode> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (SiteData d : sites.sites) {
      Collected c = collect(d.data(), d.site(), d.sources(), split, limit);
      out.addAll(c.episodes());
      keys.addAll(c.keys());
    }
    return new Collected(out, keys);
  }

  private Collected collect(
      JudgeEpisodes data,
      JudgeEpisodes.Site site,
      List<JudgeEpisodes.Source> from,
      String split,
      int limit) {
    List<LabelledEpisode> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (JudgeEpisodes.Source s : from) {
      int[] readBack = {0};
      String where = site.name().equals(ShopRuntime.ENVIRONMENT) ? "" : site.name() + " ";
      Progress progress = new Progress(System.err, limit, where + split + " " + s.name());
      List<LabelledEpisode> got =
          data.collect(
              site,
              s,
              split,
              limit,
              (e, back) -> {
                readBack[0] += back ? 1 : 0;
                progress.done(e.success());
              });
      long failed = got.stream().filter(e -> e.failure() != null).count();
      int successes = (int) got.stream().filter(LabelledEpisode::success).count();
      System.out.printf(
          Locale.ROOT,
          "%s%s %s: %d episodes (%d read back, %d could not run), site success %s%n",
          where,
          split,
          s.name(),
          got.size(),
          readBack[0],
          failed,
          SuccessRate.of(successes, got.size()));
      out.addAll(got);
      keys.add(data.prefix(site, s, split));
    }
    return new Collected(out, keys);
  }

  /**
   * A site (the shop, the booking site) as the judge's data sees it: seeded stratified samples,
   * sandbox sessions.
   */
  static JudgeEpisodes.Site site(TaskSite tasks) {
    return new JudgeEpisodes.Site() {
      @Override
      public String name() {
        return tasks.environment();
      }

      @Override
      public List<Integer> tasks(String split, int limit) {
        return tasks.tasks(split, limit);
      }

      @Override
      public String category(int taskId) {
        return tasks.category(taskId);
      }

      @Override
      public Environment episode(int taskId, String episodeId) {
        return tasks.sandbox(taskId, episodeId);
      }
    };
  }

  private List<JudgeEpisodes.Source> sources(TaskSite tasks) {
    List<JudgeEpisodes.Source> out = new ArrayList<>();
    ZeroShotPolicy[] zeroShot = {null};
    for (String s : sources) {
      switch (s.strip()) {
        case "zero-shot" ->
            out.add(
                new JudgeEpisodes.Source(
                    "zero-shot",
                    t -> {
                      if (zeroShot[0] == null) {
                        zeroShot[0] = ZeroShotPolicy.withDefaults();
                      }
                      return zeroShot[0];
                    }));
        case "expert" -> out.add(new JudgeEpisodes.Source("expert", tasks::scriptedExpert));
        case "expert-deviating" ->
            out.add(
                new JudgeEpisodes.Source(
                    "expert-deviating",
                    t -> new DeviatingPolicy(tasks.scriptedExpert(t), deviation)));
        default -> {
          // policy:vN, a stored policy's own episodes at its temperature (checked in call())
          String v = PolicyStore.normalise(s.strip().substring("policy:".length()));
          LearnedPolicy p = policies.get(v);
          out.add(new JudgeEpisodes.Source("policy-" + v, t -> p));
        }
      }
    }
    if (out.isEmpty()) {
      throw new InputException("--sources: name at least one source");
    }
    return out;
  }
}
