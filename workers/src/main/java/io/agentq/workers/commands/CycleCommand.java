package io.agentq.workers.commands;

import io.agentq.activities.cycle.CycleKeys;
import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.History;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.CycleRequest;
import io.agentq.workflows.cycle.DailyCycleWorkflow;
import io.agentq.workflows.cycle.StepState;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The daily self-improvement cycle for operators: start (idempotent), resume, status and list. Exit
 * codes: 0 the cycle is done, 1 it failed (status names the step and the error), 2 bad input or an
 * unknown cycle, 3 (status) it has not finished.
 */
@Command(
    name = "cycle",
    description =
        "Run and inspect daily self-improvement cycles: collect with search, pairs, train, evaluate,"
            + " promote, report. Exit codes: 0 done, 1 failed, 2 bad input or unknown cycle, 3 not"
            + " finished (status), 5 cancelled.",
    subcommands = {
      CycleCommand.Start.class,
      CycleCommand.Resume.class,
      CycleCommand.Status.class,
      CycleCommand.Cancel.class,
      CycleCommand.ListCycles.class
    })
public final class CycleCommand implements Runnable {
  static final int NOT_FINISHED = 3;
  public static final int CANCELLED = 5;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "start",
      description =
          "Start a cycle, or attach to it: the same id started again never runs an episode, an"
              + " epoch or an evaluation twice, and continues from its last finished step.")
  static final class Start implements Callable<Integer> {
    @Mixin ShopOptions shop;
    @Mixin StoreOptions store;
    @Mixin CycleOptions cycle;

    @Option(names = "--id", required = true, description = "The cycle's id, e.g. 2026-12-07.")
    String id;

    @Option(
        names = "--temporal",
        description = "host:port of a Temporal cluster (default: embedded).")
    String temporal;

    @Option(names = "--json", description = "Print the finished cycle's record as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      shop.check(true);
      checkId(id);
      CycleRequest template = cycle.template(id, shop);
      return run(shop, temporal, store.s3, template, json);
    }
  }

  @Command(
      name = "resume",
      description =
          "Continue a cycle from its last finished step, with the options it started with.")
  static final class Resume implements Callable<Integer> {
    @Mixin ShopOptions shop;
    @Mixin StoreOptions store;

    @Parameters(index = "0", description = "The cycle's id.")
    String id;

    @Option(
        names = "--temporal",
        description = "host:port of a Temporal cluster (default: embedded).")
    String temporal;

    @Option(names = "--json", description = "Print the finished cycle's record as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      shop.check(true);
      checkId(id);
      // The record first: an unknown cycle is refused before any worker starts, and the workers
      // run as many episodes at once as the cycle was started with.
      CycleRecord before;
      try (StoreOptions.Open open = store.open()) {
        before = stored(open.artifacts(), id);
      }
      return run(shop, temporal, store.s3, before.request(), json);
    }
  }

  /**
   * Runs a cycle on its site with workers of its window: the shop over HTTP; the booking site in
   * Chromium (its controls are drawn by JavaScript), the shop beside it (stored policies read its
   * catalog).
   */
  private static int run(
      ShopOptions shop, String temporal, String s3, CycleRequest request, boolean json)
      throws Exception {
    boolean booking = BookingRuntime.ENVIRONMENT.equals(request.environment());
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), booking ? null : shop.site);
        BookingRuntime site = booking ? BookingRuntime.connect(shop.site) : null;
        AgentqStack stack =
            AgentqStack.startWorkers(
                rt,
                site == null ? java.util.List.of() : java.util.List.of(site),
                temporal,
                s3,
                booking ? "playwright" : "http",
                Math.max(2, request.window()),
                AgentqStack.ALL_QUEUES)) {
      return runCycle(stack, request, json);
    }
  }

  @Command(name = "status", description = "Each step of a cycle: state, counts, timings, errors.")
  static final class Status implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(index = "0", description = "The cycle's id.")
    String id;

    @Option(names = "--json", description = "The cycle's record as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      checkId(id);
      try (StoreOptions.Open open = store.open()) {
        CycleRecord r = stored(open.artifacts(), id);
        if (json) {
          System.out.println(JsonArtifacts.MAPPER.writeValueAsString(r));
        } else {
          print(r);
        }
        return exitCode(r);
      }
    }
  }

  @Command(
      name = "cancel",
      description =
          "Ask a cycle to stop: it stops before its next step or episode, wherever it runs (the"
              + " request is kept in the store); start or resume continues it.")
  static final class Cancel implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(index = "0", description = "The cycle's id.")
    String id;

    @Override
    public Integer call() throws Exception {
      checkId(id);
      try (StoreOptions.Open open = store.open()) {
        CycleRecord r = stored(open.artifacts(), id);
        if (!r.status().equals(StepState.RUNNING) && !r.status().equals(StepState.PENDING)) {
          System.out.println("cycle " + id + " is " + r.status() + "; nothing to cancel");
          return 0;
        }
        open.artifacts()
            .put(
                CycleKeys.cancel(id),
                "cycle-cancel",
                new CycleKeys.Cancel(true, java.time.Instant.now().toString()));
        System.out.println(
            "cycle "
                + id
                + ": cancel requested; it stops before its next step or episode (cycle status "
                + id
                + " shows it; cycle resume "
                + id
                + " continues it)");
        return 0;
      }
    }
  }

  @Command(name = "list", description = "Every cycle in the store, one line each.")
  static final class ListCycles implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--json", description = "The cycles' records as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (StoreOptions.Open open = store.open()) {
        List<CycleRecord> all =
            CycleKeys.cycles(open.artifacts().store()).stream()
                .map(c -> open.artifacts().get(CycleKeys.record(c), CycleRecord.class))
                .flatMap(Optional::stream)
                .toList();
        if (json) {
          System.out.println(JsonArtifacts.MAPPER.writeValueAsString(all));
          return 0;
        }
        if (all.isEmpty()) {
          System.out.println("no cycles in the store");
        }
        for (CycleRecord r : all) {
          System.out.println(line(r));
        }
        return 0;
      }
    }
  }

  /** A cycle's record; an unknown id is bad input. */
  static CycleRecord stored(JsonArtifacts artifacts, String id) {
    return artifacts
        .get(CycleKeys.record(id), CycleRecord.class)
        .orElseThrow(
            () ->
                new InputException(
                    "cycle " + id + ": no such cycle in the store (cycle list shows them)"));
  }

  static void checkId(String id) {
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new InputException("cycle id '" + id + "': use letters, digits, '.', '_' or '-'");
    }
  }

  /** Starts the cycle's workflow (or attaches to it), prints its steps as they finish. */
  static int runCycle(AgentqStack stack, CycleRequest request, boolean json) throws Exception {
    if (request.value() != null) {
      SearchOptions.requireJudge(request.value(), stack.artifacts());
    }
    WorkflowClient client = stack.client();
    // Started or resumed again: an earlier cancel no longer applies.
    String key = CycleKeys.cancel(request.cycleId());
    if (stack
        .artifacts()
        .get(key, CycleKeys.Cancel.class)
        .map(CycleKeys.Cancel::requested)
        .orElse(false)) {
      stack
          .artifacts()
          .put(
              key, "cycle-cancel", new CycleKeys.Cancel(false, java.time.Instant.now().toString()));
    }
    String workflowId = CycleRequest.workflowId(request.cycleId());
    String cycleId = request.cycleId();
    DailyCycleWorkflow wf =
        client.newWorkflowStub(
            DailyCycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setWorkflowId(workflowId)
                .setTypedSearchAttributes(
                    Visibility.started(request.environment(), request.cycleId(), null))
                .build());
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    StepPrinter printer = new StepPrinter(json ? System.err : System.out);
    watch.scheduleAtFixedRate(
        () -> {
          try {
            printer.show(client.newWorkflowStub(DailyCycleWorkflow.class, workflowId).progress());
          } catch (RuntimeException notYet) {
            // the workflow has not started, or is between tasks
          }
        },
        1,
        2,
        TimeUnit.SECONDS);
    CycleRecord done;
    try {
      try {
        WorkflowClient.start(wf::run, request);
      } catch (WorkflowExecutionAlreadyStarted running) {
        printer.out.println("cycle " + request.cycleId() + " is already running: attached");
      }
      done = client.newUntypedWorkflowStub(workflowId).getResult(CycleRecord.class);
    } catch (WorkflowFailedException e) {
      watch.shutdownNow();
      Optional<InputException> bad = InputException.in(e);
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.temporal.failure.ApplicationFailure f
            && f.getType().endsWith("InputException")) {
          throw new InputException(f.getOriginalMessage());
        }
      }
      if (bad.isPresent()) {
        throw bad.get();
      }
      stack
          .artifacts()
          .get(CycleKeys.record(cycleId), CycleRecord.class)
          .ifPresent(CycleCommand::print);
      System.err.println(
          "agentq: cycle "
              + request.cycleId()
              + " failed; fix the cause and run `agentq cycle resume "
              + request.cycleId()
              + "`");
      return 1;
    } finally {
      watch.shutdownNow();
    }
    printer.show(done);
    archiveHistories(stack, done);
    Path local =
        copyReport(stack.artifacts(), request.cycleId(), ShopRuntime.home().resolve("reports"));
    if (json) {
      System.out.println(JsonArtifacts.MAPPER.writeValueAsString(done));
    } else {
      print(done);
      System.out.println("report: " + local.resolve("report.html"));
    }
    return exitCode(done);
  }

  /**
   * The histories of a finished cycle's workflow and of its collection episodes, archived to the
   * store ({@code cycles/ID/history/RUN.json}, {@code episodes/E/history/RUN.json}) so that {@code
   * WorkflowReplayer} can replay the decisions offline after a cluster purged them.
   */
  static void archiveHistories(AgentqStack stack, CycleRecord record) {
    CycleRequest request = record.request();
    String cycleId = request.cycleId();
    History.archive(stack, CycleRequest.workflowId(cycleId), StoreKeys.cycle(cycleId, "history/"));
    History.archive(
        stack,
        CycleRequest.workflowId(cycleId) + "-collect",
        StoreKeys.cycle(cycleId, "collect-history/"));
    archiveEpisodes(stack, request.collectPrefix());
    // The held-out searched episodes (shared with other cycles: archived once, by id).
    CycleRecord.Evaluated e = record.evaluated();
    if (e != null && e.parentSearch() != null) {
      archiveEpisodes(stack, e.parentSearch().key());
      archiveEpisodes(stack, e.candidateSearch().key());
    }
  }

  /** The histories of the finished episodes whose ids are {@code PREFIX-tN}. */
  private static void archiveEpisodes(AgentqStack stack, String prefix) {
    for (String key :
        stack.artifacts().store().list(StoreKeys.episodesStartingWith(prefix + "-t"))) {
      if (key.endsWith("/" + StoreKeys.MANIFEST)) {
        String episode = StoreKeys.episodeOf(key);
        History.archive(stack, episode, StoreKeys.episodeHistory(episode));
      }
    }
  }

  /** Copies a cycle's report from the store into {@code dir/ID/}; returns that directory. */
  static Path copyReport(JsonArtifacts artifacts, String cycleId, Path dir) throws Exception {
    Path out = dir.resolve(cycleId);
    Files.createDirectories(out);
    String prefix = CycleKeys.reportDir(cycleId);
    for (String key : artifacts.store().list(prefix)) {
      byte[] bytes = artifacts.store().get(key).orElseThrow();
      Path target = out.resolve(key.substring(prefix.length()));
      Path tmp = Files.createTempFile(out, ".report", ".part");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return out;
  }

  static int exitCode(CycleRecord r) {
    return switch (r.status()) {
      case StepState.DONE -> 0;
      case StepState.FAILED -> 1;
      case StepState.CANCELLED -> CANCELLED;
      default -> NOT_FINISHED;
    };
  }

  public static String line(CycleRecord r) {
    CycleRecord.Evaluated e = r.evaluated();
    return String.format(
        Locale.ROOT,
        "%s  %s  %s -> %s  %s%s",
        r.request().cycleId(),
        r.status(),
        r.request().parent(),
        r.round() == null ? "?" : r.round().version(),
        r.promoted() == null ? "" : r.promoted() ? "promoted" : "not promoted",
        e == null
            ? ""
            : String.format(
                Locale.ROOT, "  held-out %s -> %s", pct(e.parent()), pct(e.candidate())));
  }

  private static String pct(EvalSummary e) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * e.successRate());
  }

  static void print(CycleRecord r) {
    System.out.println("cycle " + r.request().cycleId() + ": " + r.status());
    for (StepState s : r.steps()) {
      System.out.println(StepPrinter.line(s));
    }
  }

  /** Prints each step's state when it changes. */
  static final class StepPrinter {
    final java.io.PrintStream out;
    private final java.util.Map<String, String> shown = new java.util.HashMap<>();

    StepPrinter(java.io.PrintStream out) {
      this.out = out;
    }

    synchronized void show(CycleRecord r) {
      if (r == null) {
        return;
      }
      for (StepState s : r.steps()) {
        String l = line(s);
        if (!s.status().equals(StepState.PENDING) && !l.equals(shown.put(s.step().label(), l))) {
          out.println(l);
        }
      }
    }

    public static String line(StepState s) {
      return String.format(
          Locale.ROOT,
          "  %-8s %-7s %7s  %s%s",
          s.step().label(),
          s.status(),
          s.seconds() > 0 ? String.format(Locale.ROOT, "%.1f s", s.seconds()) : "",
          s.summary() == null ? "" : s.summary(),
          s.error() == null ? "" : "  error: " + s.error());
    }
  }
}
