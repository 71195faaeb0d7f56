package io.agentq.workers.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.InputException;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopSite;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import io.agentq.workers.runtime.ProcessGroup;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.TemporalService;
import io.agentq.workers.tools.FaultChecker.Result;
import io.agentq.workers.tools.FaultChecker.Verdict;
import io.agentq.workers.tools.FaultSchedule.Fault;
import io.agentq.workers.tools.FaultSchedule.Kind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scale-out fault run: for each seed, the Temporal service (the SDK's test server), the
 * artifact store, the shop, a workflow worker, a policy worker and two browser workers each as its
 * own process, and an evaluation client with search over held-out tasks, while a seeded {@link
 * FaultSchedule} kills workers, the site or the client with SIGKILL and pauses a worker past its
 * timeouts with SIGSTOP. Then everything is brought back, the evaluation is started again with the
 * same run id, and the {@link FaultChecker} reads the site's records and every manifest directly.
 * No workflow is left on a killed worker's sticky queue, which the test server would never move: on
 * the test server the workflow workers ask for no sticky execution ({@link TemporalService}).
 */
@Command(
    name = "fault-run",
    description =
        "Exactly-once under faults, across processes: per seed, Temporal, S3, the shop and four"
            + " workers as processes, an eval with search, and a seeded schedule of SIGKILLs and"
            + " SIGSTOPs; then the site's records are read and judged PASS, FAIL or UNKNOWN.")
public final class FaultRunCommand implements Callable<Integer> {
  @Option(
      names = "--seeds",
      defaultValue = "1,2,3,4,5",
      split = ",",
      description = "Seeds of the fault schedules, one run each.")
  List<Long> seeds;

  @Option(names = "--tasks", defaultValue = "20", description = "Held-out tasks of each eval.")
  int tasks;

  @Option(names = "--faults", defaultValue = "6", description = "Faults injected per seed.")
  int faults;

  @Option(
      names = "--dir",
      description = "Where each seed's run goes (DIR/seed-N); default $AGENTQ_HOME/fault-runs.")
  Path dir;

  @Option(names = "--threads", defaultValue = "2", description = "Episodes the eval runs at once.")
  int threads;

  @Option(
      names = "--iterations",
      defaultValue = "10",
      description = "MCTS iterations per real step of each episode.")
  int iterations;

  @Option(
      names = "--step-timeout",
      defaultValue = "10",
      description = "Seconds before a step or policy call on a dead or paused worker is retried.")
  int stepTimeout;

  @Option(
      names = "--commit-timeout",
      defaultValue = "10",
      description = "Seconds of the one attempt of a purchase before the site is asked by key.")
  int commitTimeout;

  @Option(
      names = "--reply-delay-ms",
      defaultValue = "1500",
      description =
          "The shop answers a new order this late: the window in which an order exists and its"
              + " agent does not know yet, where faults aimed at a commit land.")
  long replyDelayMs;

  @Option(
      names = "--eval-timeout",
      defaultValue = "1800",
      description = "Seconds the eval may take after the faults before the run fails.")
  int evalTimeout;

  private final PrintStream out = System.out;

  /** One injected (or skipped) fault, as the run log and the table show it. */
  record Injected(Fault fault, double atSeconds, boolean injected, String note) {}

  /** One seed's run. */
  record SeedRun(
      long seed,
      Result result,
      List<Injected> faults,
      List<String> notes,
      int evalStarts,
      double successRate,
      double wallSeconds,
      Path dir) {
    int[] injectedByKind() {
      int[] n = new int[Kind.values().length];
      for (Injected i : faults) {
        if (i.injected()) {
          n[i.fault().kind().ordinal()]++;
        }
      }
      return n;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (tasks < 1 || faults < 0 || threads < 1 || stepTimeout < 1 || commitTimeout < 1) {
      throw new InputException(
          "--tasks, --threads, --step-timeout and --commit-timeout must be at least 1, --faults"
              + " at least 0");
    }
    if (seeds.isEmpty()) {
      throw new InputException("--seeds: give at least one seed");
    }
    Path base = (dir != null ? dir : ShopRuntime.home().resolve("fault-runs")).toAbsolutePath();
    // The shop's default data is made once, here, before any child process reads it.
    // The tasks eval --split heldout --limit N runs: the first N of the held-out sample.
    List<Goal> heldout = ShopRuntime.load(null, null, null).sample(TaskSplit.HELDOUT);
    List<Goal> goals = heldout.subList(0, Math.min(tasks, heldout.size()));
    out.printf(
        "fault-run: seeds %s, %d held-out tasks, %d faults per seed, eval --threads %d"
            + " --iterations %d --step-timeout %d --commit-timeout %d, shop --reply-delay-ms %d;"
            + " runs in %s%n",
        seeds,
        goals.size(),
        faults,
        threads,
        iterations,
        stepTimeout,
        commitTimeout,
        replyDelayMs,
        base);
    List<SeedRun> runs = new ArrayList<>();
    for (long seed : seeds) {
      SeedRun r = runSeed(seed, base.resolve("seed-" + seed), goals);
      runs.add(r);
      out.println(summaryLine(r));
      ProcessGroup.forgetEnded();
    }
    String table = table(runs);
    out.println();
    out.println(table);
    Files.writeString(base.resolve("results.md"), table);
    out.println("(also in " + base.resolve("results.md") + ")");
    return runs.stream().allMatch(r -> r.result().verdict() == Verdict.PASS) ? 0 : 1;
  }

  SeedRun runSeed(long seed, Path seedDir, List<Goal> goals) throws IOException {
    long t0 = System.nanoTime();
    fresh(seedDir);
    String runId = "fault-s" + seed;
    List<String> episodeIds = goals.stream().map(g -> runId + "-t" + g.index()).toList();
    FaultSchedule schedule =
        FaultSchedule.of(seed, faults, goals.size(), Math.max(stepTimeout, commitTimeout));
    out.printf("%n=== seed %d (run id %s, in %s)%n", seed, runId, seedDir);
    for (Fault f : schedule.faults()) {
      out.printf("  planned %d/%d %-13s %s%n", f.ordinal(), faults, f.kind().label, f.describe());
    }
    Path home = ShopRuntime.home();
    int temporalPort = AgentqStack.freePort();
    int s3Port = AgentqStack.freePort();
    int sitePort = AgentqStack.freePort();
    String temporal = "127.0.0.1:" + temporalPort;
    String s3 = "http://127.0.0.1:" + s3Port;
    String site = "http://127.0.0.1:" + sitePort;
    List<Injected> injected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Verdict harness = Verdict.PASS;
    int[] evalStarts = {0};
    double success = Double.NaN;
    Result result;
    Nemesis nemesis = null;
    try (ProcessGroup g = new ProcessGroup(seedDir.resolve("logs"))) {
      try {
        g.start(
            "temporal",
            ProcessGroup.java(
                home, "io.temporal.testserver.TestServer", List.of(Integer.toString(temporalPort))),
            ProcessGroup.Ready.listening(temporalPort));
        g.start(
            "s3",
            ProcessGroup.agentq(
                home,
                List.of(
                    "serve",
                    "s3",
                    "--port",
                    Integer.toString(s3Port),
                    "--dir",
                    seedDir.resolve("s3").toString())),
            ProcessGroup.Ready.printed("The S3 store is at"));
        g.start(
            "site",
            ProcessGroup.agentq(
                home,
                List.of(
                    "serve",
                    "shop",
                    "--port",
                    Integer.toString(sitePort),
                    "--db",
                    seedDir.resolve("orders.db").toString(),
                    "--reply-delay-ms",
                    Long.toString(replyDelayMs))),
            ProcessGroup.Ready.printed("The shop is at"));
        for (String name : List.of("temporal", "s3", "site")) {
          g.awaitReady(name, 180);
        }
        for (String w : FaultSchedule.WORKERS) {
          String queue = w.startsWith("browser") ? "browser" : w;
          g.start(
              w,
              ProcessGroup.agentq(
                  home,
                  List.of(
                      "worker",
                      "--queues",
                      queue,
                      "--temporal",
                      temporal,
                      "--s3",
                      s3,
                      "--site",
                      site,
                      "--driver",
                      "http",
                      "--browser-slots",
                      "2")),
              ProcessGroup.Ready.printed("Workers on"));
        }
        for (String w : FaultSchedule.WORKERS) {
          g.awaitReady(w, 240);
        }
        out.printf(
            "  [setup %.1f s] temporal %s, s3 %s, site %s, workers %s up%n",
            secondsSince(t0), temporal, s3, site, FaultSchedule.WORKERS);
        g.start(
            "eval",
            ProcessGroup.agentq(
                home,
                List.of(
                    "eval",
                    "--split",
                    "heldout",
                    "--limit",
                    Integer.toString(goals.size()),
                    "--search",
                    "mcts",
                    "--iterations",
                    Integer.toString(iterations),
                    "--driver",
                    "http",
                    "--threads",
                    Integer.toString(threads),
                    "--temporal",
                    temporal,
                    "--s3",
                    s3,
                    "--site",
                    site,
                    "--no-workers",
                    "--policy-queue",
                    "--run-id",
                    runId,
                    "--step-timeout",
                    Integer.toString(stepTimeout),
                    "--commit-timeout",
                    Integer.toString(commitTimeout),
                    "--json")),
            out -> true);
        evalStarts[0]++;
        nemesis =
            new Nemesis(
                g,
                new ShopSite(site, Duration.ofSeconds(3)),
                seedDir,
                episodeIds,
                evalStarts,
                notes);
        for (Fault f : schedule.faults()) {
          Injected i = nemesis.inject(f);
          injected.add(i);
          out.printf(
              "  [%6.1f s] fault %d/%d %-13s %s%n",
              i.atSeconds(), f.ordinal(), faults, f.kind().label, i.note());
        }
        // The eval that ran under the faults ends; one that died by itself is started again.
        EvalOutcome first = nemesis.finishEval(evalTimeout, 6, problems);
        out.printf(
            "  [%6.1f s] the eval under faults ended: %s%n", nemesis.seconds(), first.describe());
        // Everything brought back, then the eval once more with the same run id: every finished
        // episode is read back from its manifest, and nothing may reach the site's Buy Now again.
        for (String name : allNames()) {
          if (!g.alive(name)) {
            notes.add(name + " had ended by itself; started again (" + g.logsOf(name) + ")");
            g.restart(name);
            g.awaitReady(name, 240);
          }
        }
        int requestsBefore = new ShopSite(site).requests().size();
        boolean allFinishedBefore = nemesis.finished() == episodeIds.size();
        g.restart("eval");
        evalStarts[0]++;
        EvalOutcome again = nemesis.finishEval(evalTimeout, 1, problems);
        int requestsAfter = new ShopSite(site).requests().size();
        out.printf(
            "  [%6.1f s] the eval again with run id %s: %s; Buy Now requests at the site %d ->"
                + " %d%n",
            nemesis.seconds(), runId, again.describe(), requestsBefore, requestsAfter);
        if (!again.ok(goals.size())) {
          problems.add("the eval started again with the same run id: " + again.describe());
        }
        if (allFinishedBefore && requestsAfter != requestsBefore) {
          problems.add(
              "the eval started again over finished episodes sent "
                  + (requestsAfter - requestsBefore)
                  + " Buy Now requests");
        }
        success = again.successRate();
      } catch (Exception e) {
        // The harness could not do its part (a process that would not start, ...): the run says
        // nothing either way.
        harness = Verdict.UNKNOWN;
        out.println("  harness error: " + e);
        e.printStackTrace(out);
      }
      // A run the harness cut short is judged on safety only: what it did may not be duplicated.
      result =
          finalRead(site, s3, episodeIds, harness == Verdict.PASS).with(Verdict.FAIL, problems);
      if (harness == Verdict.UNKNOWN) {
        result = result.with(Verdict.UNKNOWN, List.of("the run did not complete (see above)"));
      }
      notes.addAll(0, g.retries());
    }
    for (String note : notes) {
      out.println("  note: " + note);
    }
    double wall = secondsSince(t0);
    for (String reason : result.reasons()) {
      out.println("  reason: " + reason);
    }
    if (Double.isNaN(success) && result.finished() > 0) {
      success = (double) result.successes() / result.episodes();
    }
    return new SeedRun(seed, result, injected, notes, evalStarts[0], success, wall, seedDir);
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>(List.of("temporal", "s3", "site"));
    names.addAll(FaultSchedule.WORKERS);
    return names;
  }

  /** The site's records and the manifests, read after the run; a read that fails is UNKNOWN. */
  private static Result finalRead(
      String site, String s3, List<String> episodeIds, boolean expectFinished) {
    try {
      return FaultChecker.read(
          new ShopSite(site), AgentqStack.connectArtifacts(s3), episodeIds, expectFinished);
    } catch (RuntimeException e) {
      return Result.unknown(episodeIds.size(), "the final read failed: " + e);
    }
  }

  /** The eval client's end: its exit code and what its JSON says. */
  record EvalOutcome(int exitCode, int tasks, int failed, double successRate, String note) {
    boolean ok(int expected) {
      return exitCode == 0 && tasks == expected && failed == 0;
    }

    String describe() {
      return exitCode == Integer.MIN_VALUE
          ? note
          : String.format(
              Locale.ROOT,
              "exit %d, %d tasks, %d failed, success %.1f%%%s",
              exitCode,
              tasks,
              failed,
              100 * successRate,
              note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  /** Injects the faults of a schedule into a running group and waits for the eval's end. */
  final class Nemesis {
    private final ProcessGroup g;
    private final ShopSite site;
    private final Path seedDir;
    private final List<String> episodeIds;
    private final int[] evalStarts;
    private final List<String> notes;
    private final long t0 = System.nanoTime();
    private boolean evalDone;

    Nemesis(
        ProcessGroup g,
        ShopSite site,
        Path seedDir,
        List<String> episodeIds,
        int[] starts,
        List<String> notes) {
      this.g = g;
      this.site = site;
      this.seedDir = seedDir;
      this.episodeIds = episodeIds;
      this.evalStarts = starts;
      this.notes = notes;
    }

    double seconds() {
      return secondsSince(t0);
    }

    Path manifestFile(String episodeId) {
      return seedDir
          .resolve("s3")
          .resolve(AgentqStack.BUCKET)
          .resolve(FaultChecker.manifestKey(episodeId));
    }

    /** Finished episodes: manifests in the store's folder (progress only; the checker reads S3). */
    int finished() {
      return (int) episodeIds.stream().filter(id -> Files.exists(manifestFile(id))).count();
    }

    private int orderCount() {
      try {
        return site.orders().size();
      } catch (RuntimeException e) {
        return -1;
      }
    }

    /**
     * Whether the eval still runs; one that ended with an error is started again (it is not a fault
     * of the schedule: its log says why); one that ended well means the faults are over.
     */
    private boolean evalRunning() throws InterruptedException {
      if (evalDone) {
        return false;
      }
      Process p = g.process("eval");
      if (p.isAlive()) {
        return true;
      }
      if (p.exitValue() == 0 && finished() == episodeIds.size()) {
        evalDone = true;
        return false;
      }
      out.printf(
          "  [%6.1f s] the eval client ended with exit code %d, %d/%d episodes finished (%s);"
              + " started again%n",
          seconds(), p.exitValue(), finished(), episodeIds.size(), g.logsOf("eval"));
      g.restart("eval");
      evalStarts[0]++;
      return true;
    }

    Injected inject(Fault f) throws Exception {
      // The moment: enough episodes finished, then the delay, then (aimed at a commit) the next
      // order the site records.
      while (evalRunning() && finished() < f.afterEpisodes()) {
        Thread.sleep(200);
      }
      if (!evalRunning() || finished() >= episodeIds.size()) {
        return new Injected(f, seconds(), false, "skipped: the eval had ended");
      }
      Thread.sleep(f.delayMillis());
      String aim = "";
      if (f.atCommit()) {
        int before = orderCount();
        long deadline =
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FaultSchedule.COMMIT_WAIT_MILLIS);
        int now = before;
        while (System.nanoTime() < deadline && evalRunning()) {
          now = orderCount();
          if (before >= 0 && now > before) {
            break;
          }
          if (before < 0) {
            before = now;
          }
          Thread.sleep(50);
        }
        aim =
            before >= 0 && now > before
                ? " at order " + now + ", just recorded;"
                : " (no new order within " + FaultSchedule.COMMIT_WAIT_MILLIS / 1000 + " s);";
      }
      double at = seconds();
      int done = finished();
      String what = act(f);
      return new Injected(
          f, at, true, what + " |" + aim + " " + done + "/" + episodeIds.size() + " finished");
    }

    private String act(Fault f) throws Exception {
      long down = f.downMillis();
      switch (f.kind()) {
        case KILL_BROWSER_WORKER -> {
          return "SIGKILL " + f.target() + ", " + bounce(List.of(f.target()), down);
        }
        case KILL_ALL_WORKERS -> {
          return "SIGKILL all 4 workers, " + bounce(FaultSchedule.WORKERS, down);
        }
        case KILL_SITE -> {
          return "SIGKILL the site, " + bounce(List.of("site"), down);
        }
        case KILL_CLIENT -> {
          g.kill("eval");
          Thread.sleep(down);
          g.restart("eval");
          evalStarts[0]++;
          return "SIGKILL the eval client, restarted with the same run id after "
              + FaultSchedule.secs(down);
        }
        case PAUSE_WORKER -> {
          g.pause(f.target());
          try {
            Thread.sleep(down);
          } finally {
            g.resume(f.target());
          }
          return "SIGSTOP " + f.target() + " for " + FaultSchedule.secs(down) + ", SIGCONT";
        }
        default -> throw new IllegalStateException("unknown fault " + f.kind());
      }
    }

    /**
     * SIGKILLs the named processes, waits {@code down} ms, starts them all again and waits until
     * each is up; says how long that took.
     */
    private String bounce(List<String> names, long down) throws Exception {
      for (String n : names) {
        g.kill(n);
      }
      Thread.sleep(down);
      long up = System.nanoTime();
      for (String n : names) {
        g.restart(n);
      }
      for (String n : names) {
        g.awaitReady(n, 240);
      }
      return "down "
          + FaultSchedule.secs(down)
          + ", up again in "
          + String.format(Locale.ROOT, "%.1f s", secondsSince(up));
    }

    /**
     * Waits for the eval client's end (at most {@code seconds}); an end with an error or failed
     * episodes starts it again with the same run id, at most {@code attempts} times in all.
     */
    EvalOutcome finishEval(int seconds, int attempts, List<String> problems)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      EvalOutcome last = null;
      for (int attempt = 1; ; attempt++) {
        Process p = g.process("eval");
        long left = deadline - System.nanoTime();
        while (left > 0
            && !p.waitFor(Math.min(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS)) {
          left = deadline - System.nanoTime();
        }
        if (left <= 0 && p.isAlive()) {
          g.kill("eval");
          problems.add("the eval did not end within " + seconds + " s (" + g.logsOf("eval") + ")");
          return new EvalOutcome(
              Integer.MIN_VALUE, 0, 0, Double.NaN, "did not end within " + seconds + " s");
        }
        last = outcome(p.exitValue());
        if (last.ok(episodeIds.size()) || attempt >= attempts) {
          return last;
        }
        out.printf(
            "  [%6.1f s] the eval ended with %s; started again with the same run id%n",
            seconds(), last.describe());
        notes.add("the eval needed another start: " + last.describe());
        g.restart("eval");
        evalStarts[0]++;
      }
    }

    private EvalOutcome outcome(int exit) {
      try {
        String text = Files.readString(g.stdout("eval"));
        int at = text.indexOf("{\n  \"policy\"");
        if (at < 0) {
          return new EvalOutcome(exit, 0, 0, Double.NaN, "no JSON report; see " + g.logsOf("eval"));
        }
        JsonNode json = Json.MAPPER.readTree(text.substring(at));
        return new EvalOutcome(
            exit,
            json.path("tasks").asInt(),
            json.path("failed").asInt(),
            json.path("successRate").asDouble(),
            "");
      } catch (IOException e) {
        return new EvalOutcome(exit, 0, 0, Double.NaN, "its report is unreadable: " + e);
      }
    }
  }

  /** A fresh folder for a seed: one left by an earlier fault run is removed, anything else kept. */
  private static void fresh(Path seedDir) throws IOException {
    Path marker = seedDir.resolve("fault-run.txt");
    if (Files.exists(seedDir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(seedDir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(marker)) {
        throw new InputException(
            seedDir + " exists and is not a fault run's folder: give another --dir");
      }
      try (Stream<Path> walk = Files.walk(seedDir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(seedDir);
    Files.writeString(marker, "a fault run's folder; fault-run deletes it when it runs again\n");
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static String faultsByKind(int[] n) {
    List<String> parts = new ArrayList<>();
    for (Kind k : Kind.values()) {
      parts.add(k.label + " " + n[k.ordinal()]);
    }
    return String.join(", ", parts);
  }

  static String requests(Result r) {
    if (r.requests().isEmpty()) {
      return r.orders() < 0 ? "?" : "none";
    }
    return r.requests().entrySet().stream()
        .map(e -> e.getKey().wire() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static String summaryLine(SeedRun r) {
    Result x = r.result();
    return String.format(
        Locale.ROOT,
        "seed %d: %s | %d/%d episodes finished | faults: %s | orders %d, duplicates by key %d,"
            + " by episode %d, unrecorded %d, missing %d, adopted %d | requests: %s | eval starts"
            + " %d, success %s | %.0f s",
        r.seed(),
        x.verdict(),
        x.finished(),
        x.episodes(),
        faultsByKind(r.injectedByKind()),
        x.orders(),
        x.duplicateKeys(),
        x.duplicateEpisodes(),
        x.unrecorded(),
        x.missing(),
        x.adopted(),
        requests(x),
        r.evalStarts(),
        pct(r.successRate()),
        r.wallSeconds());
  }

  private static String pct(double rate) {
    return Double.isNaN(rate) ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  /** The per-seed table, in Markdown. */
  static String table(List<SeedRun> runs) {
    StringBuilder b = new StringBuilder();
    b.append("Fault run of ").append(LocalDate.now()).append('\n').append('\n');
    b.append(
        "| seed | episodes finished | faults injected (kill-browser / kill-workers / kill-site /"
            + " kill-client / pause-worker) | eval starts | orders | duplicates by key | by"
            + " episode | unrecorded orders | missing orders | adopted | Buy Now requests by"
            + " outcome | success | wall time | verdict |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SeedRun r : runs) {
      Result x = r.result();
      int[] n = r.injectedByKind();
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %d/%d | %d / %d / %d / %d / %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |"
                  + " %.0f s | **%s** |%n",
              r.seed(),
              x.finished(),
              x.episodes(),
              n[0],
              n[1],
              n[2],
              n[3],
              n[4],
              r.evalStarts(),
              x.orders(),
              x.duplicateKeys(),
              x.duplicateEpisodes(),
              x.unrecorded(),
              x.missing(),
              x.adopted(),
              requests(x),
              pct(r.successRate()),
              r.wallSeconds(),
              x.verdict()));
    }
    for (SeedRun r : runs) {
      for (String reason : r.result().reasons()) {
        b.append("\n- seed ").append(r.seed()).append(": ").append(reason);
      }
      for (String note : r.notes()) {
        b.append("\n- seed ").append(r.seed()).append(" (note): ").append(note);
      }
    }
    b.append('\n');
    return b.toString();
  }
}
