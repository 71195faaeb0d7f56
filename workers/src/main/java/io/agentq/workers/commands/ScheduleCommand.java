package io.agentq.workers.commands;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.TemporalService;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.CycleRequest;
import io.agentq.workflows.cycle.DailyCycleWorkflow;
import io.agentq.workflows.search.TaskQueues;
import io.agentq.workflows.visibility.Visibility;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Daily cycles on a schedule. On a real Temporal cluster ({@code --temporal}), a Temporal Schedule
 * starts them (overlap: skip; backfills: buffer all). The embedded service (the SDK's test server)
 * has no Schedules: {@code schedule run} fires the same cycles from an in-process cron scheduler,
 * skipping a firing while the last cycle still runs, and says so.
 */
@Command(
    name = "schedule",
    description =
        "Start daily cycles on a cron schedule: a Temporal Schedule on a cluster (create, list,"
            + " describe, pause, unpause, trigger, backfill, delete; --temporal), or, embedded,"
            + " `schedule run` (an in-process cron scheduler).",
    subcommands = {
      ScheduleCommand.Run.class,
      ScheduleCommand.Create.class,
      ScheduleCommand.ListSchedules.class,
      ScheduleCommand.Describe.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Unpause.class,
      ScheduleCommand.Trigger.class,
      ScheduleCommand.Backfill.class,
      ScheduleCommand.Delete.class
    })
public final class ScheduleCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** A cron expression: 5 fields (Unix: minute hour day month weekday) or 6-7 (Quartz, seconds). */
  static ExecutionTime cron(String expression) {
    String e = expression.trim();
    int fields = e.split("\\s+").length;
    CronType type = fields == 5 ? CronType.UNIX : CronType.QUARTZ;
    try {
      return ExecutionTime.forCron(
          new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(e).validate());
    } catch (IllegalArgumentException bad) {
      throw new InputException(
          "--cron '"
              + expression
              + "': not a cron expression ("
              + bad.getMessage()
              + "); use 5 fields (minute hour day month weekday, e.g. \"0 2 * * *\") or Quartz's 6"
              + " with seconds (e.g. \"0 0 2 * * ?\")");
    }
  }

  static void checkName(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new InputException("schedule '" + name + "': use letters, digits, '.', '_' or '-'");
    }
  }

  @Command(
      name = "run",
      description =
          "Embedded: fire a cycle at every time the cron expression names (UTC), each cycle id"
              + " NAME-TIME; a firing while the last cycle still runs is skipped and logged.")
  static final class Run implements Callable<Integer> {
    @Mixin ShopOptions shop;
    @Mixin StoreOptions store;
    @Mixin CycleOptions cycle;

    @Option(names = "--name", defaultValue = "daily", description = "The schedule's name.")
    String name;

    @Option(
        names = "--cron",
        required = true,
        description =
            "When to fire (UTC): \"0 2 * * *\" (Unix), or Quartz's 6 fields with seconds.")
    String cron;

    @Option(
        names = "--max-firings",
        defaultValue = "0",
        description = "Stop after this many firings, started or skipped (0: run until killed).")
    int maxFirings;

    @Override
    public Integer call() throws Exception {
      shop.check();
      checkName(name);
      ExecutionTime times = cron(cron);
      boolean seconds = cron.trim().split("\\s+").length > 5;
      DateTimeFormatter stamp =
          DateTimeFormatter.ofPattern(seconds ? "yyyyMMdd'T'HHmmss'Z'" : "yyyyMMdd'T'HHmm'Z'");
      cycle.template("check", shop); // bad options fail now, not at the first firing
      try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
          AgentqStack stack =
              AgentqStack.startWorkers(
                  rt, null, store.s3, "http", Math.max(2, cycle.window), AgentqStack.ALL_QUEUES)) {
        WorkflowClient client = stack.client();
        say(
            "schedule %s: embedded (the SDK's test server has no Schedules), cron \"%s\" in UTC;"
                + " a firing while the last cycle runs is skipped",
            name, cron);
        CompletableFuture<CycleRecord> running = null;
        String runningId = null;
        for (int fired = 0; maxFirings == 0 || fired < maxFirings; fired++) {
          ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
          ZonedDateTime next =
              times
                  .nextExecution(now)
                  .orElseThrow(
                      () -> new InputException("--cron '" + cron + "': never fires again"));
          Thread.sleep(Math.max(0, Duration.between(now, next).toMillis()));
          String id = name + "-" + stamp.format(next);
          if (running != null && !running.isDone()) {
            say("%s: skipped the firing of %s: cycle %s is still running", name, next, runningId);
            stack
                .artifacts()
                .put(
                    StoreKeys.schedule(name, "skipped/" + id + ".json"),
                    "schedule-skip",
                    Map.of("firing", next.toString(), "running", runningId));
            continue;
          }
          CycleRequest template = cycle.template(id, shop);
          WorkflowStub stub =
              client.newUntypedWorkflowStub(
                  DailyCycleWorkflow.class.getSimpleName(),
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.WORKFLOW)
                      .setWorkflowId(CycleRequest.workflowId(id))
                      .setTypedSearchAttributes(
                          Visibility.started(template.environment(), id, null))
                      .build());
          stub.start(template);
          runningId = id;
          String started = id;
          running =
              stub.getResultAsync(CycleRecord.class)
                  .whenComplete(
                      (r, e) ->
                          say(
                              "%s: cycle %s %s",
                              name,
                              started,
                              e != null
                                  ? "failed: " + e.getMessage()
                                  : CycleCommand.line(r).substring(started.length()).trim()));
          say("%s: fired at %s: cycle %s started", name, next, id);
        }
        if (running != null) {
          try {
            running.join();
          } catch (RuntimeException failed) {
            return 1;
          }
        }
        return 0;
      }
    }
  }

  /** Options of the commands that talk to a cluster's Schedules. */
  static final class Cluster {
    @Option(
        names = "--temporal",
        required = true,
        description =
            "host:port of a Temporal cluster (Schedules need one; embedded: `schedule run`).")
    String temporal;

    ScheduleClient client() {
      try {
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build(),
                Duration.ofSeconds(15));
        return ScheduleClient.newInstance(stubs);
      } catch (RuntimeException e) {
        throw new InputException(
            "--temporal "
                + temporal
                + ": cannot reach a Temporal service there ("
                + e.getClass().getSimpleName()
                + "); start one (docker compose up temporal)");
      }
    }
  }

  @Command(
      name = "create",
      description =
          "Create a Temporal Schedule that starts a daily cycle (from the promoted version) at every"
              + " cron time; overlap: skip.")
  static final class Create implements Callable<Integer> {
    @Mixin ShopOptions shop;
    @Mixin CycleOptions cycle;
    @Mixin Cluster cluster;

    @Option(names = "--id", required = true, description = "The schedule's id, e.g. daily.")
    String id;

    @Option(names = "--cron", required = true, description = "When to fire, e.g. \"0 2 * * *\".")
    String cron;

    @Override
    public Integer call() {
      shop.check();
      checkName(id);
      cron(cron);
      CycleRequest template = cycle.template(null, shop);
      Schedule schedule =
          Schedule.newBuilder()
              .setAction(
                  ScheduleActionStartWorkflow.newBuilder()
                      .setWorkflowType(DailyCycleWorkflow.class)
                      .setArguments(template)
                      .setOptions(
                          WorkflowOptions.newBuilder()
                              .setWorkflowId(CycleRequest.workflowId(id))
                              .setTaskQueue(TaskQueues.WORKFLOW)
                              // The cycle's id comes with each firing: the cycle sets it.
                              .setTypedSearchAttributes(
                                  Visibility.started(template.environment(), null, null))
                              .build())
                      .build())
              .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(cron)).build())
              .setPolicy(
                  SchedulePolicy.newBuilder()
                      .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                      .build())
              .build();
      ScheduleClient client = cluster.client();
      // The action starts cycles with agentq's search attributes: the namespace must have them.
      new TemporalService(cluster.temporal, false, false).prepareSearchAttributes();
      client.createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
      say(
          "schedule %s: created on %s, cron \"%s\"; each firing starts cycle-%s-TIME (cycle id %s-TIME)",
          id, cluster.temporal, cron, id, id);
      return 0;
    }
  }

  @Command(name = "list", description = "The cluster's schedules.")
  static final class ListSchedules implements Callable<Integer> {
    @Mixin Cluster cluster;

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      List<String> ids =
          cluster.client().listSchedules().map(s -> s.getScheduleId()).sorted().toList();
      if (json) {
        System.out.println(JsonArtifacts.MAPPER.writeValueAsString(ids));
      } else {
        ids.forEach(System.out::println);
      }
      return 0;
    }
  }

  /** A named schedule on the cluster. */
  abstract static class OneSchedule implements Callable<Integer> {
    @Mixin Cluster cluster;

    @Parameters(index = "0", description = "The schedule's id.")
    String id;

    ScheduleHandle handle() {
      checkName(id);
      return cluster.client().getHandle(id);
    }
  }

  @Command(name = "describe", description = "A schedule: state, next firings, recent actions.")
  static final class Describe extends OneSchedule {
    @Override
    public Integer call() {
      ScheduleDescription d = handle().describe();
      say(
          "schedule %s: %s",
          d.getId(), d.getSchedule().getState().isPaused() ? "paused" : "active");
      say("  cron: %s", d.getSchedule().getSpec().getCronExpressions());
      say(
          "  actions: %d taken, %d skipped (overlap), %d missed the catch-up window",
          d.getInfo().getNumActions(),
          d.getInfo().getNumActionsSkippedOverlap(),
          d.getInfo().getNumActionsMissedCatchupWindow());
      d.getInfo().getNextActionTimes().forEach(t -> say("  next: %s", t));
      d.getInfo()
          .getRecentActions()
          .forEach(a -> say("  fired: %s (scheduled %s)", a.getStartedAt(), a.getScheduledAt()));
      return 0;
    }
  }

  @Command(name = "pause", description = "Pause a schedule (no firings until unpaused).")
  static final class Pause extends OneSchedule {
    @Option(names = "--note", defaultValue = "paused by agentq", description = "Why.")
    String note;

    @Override
    public Integer call() {
      handle().pause(note);
      say("schedule %s: paused (%s)", id, note);
      return 0;
    }
  }

  @Command(name = "unpause", description = "Unpause a schedule.")
  static final class Unpause extends OneSchedule {
    @Override
    public Integer call() {
      handle().unpause("unpaused by agentq");
      say("schedule %s: unpaused", id);
      return 0;
    }
  }

  @Command(
      name = "trigger",
      description = "Fire a schedule now (skipped if a cycle it started runs).")
  static final class Trigger extends OneSchedule {
    @Override
    public Integer call() {
      handle().trigger();
      say("schedule %s: triggered", id);
      return 0;
    }
  }

  @Command(
      name = "backfill",
      description = "Run the firings a schedule missed between two times (overlap: buffer all).")
  static final class Backfill extends OneSchedule {
    @Option(
        names = "--from",
        required = true,
        description = "ISO-8601 instant, e.g. 2026-12-01T00:00:00Z.")
    String from;

    @Option(names = "--to", required = true, description = "ISO-8601 instant.")
    String to;

    @Override
    public Integer call() {
      Instant a;
      Instant b;
      try {
        a = Instant.parse(from);
        b = Instant.parse(to);
      } catch (DateTimeParseException e) {
        throw new InputException(
            "--from/--to: use ISO-8601 instants such as 2026-12-01T00:00:00Z ("
                + e.getMessage()
                + ")");
      }
      if (!b.isAfter(a)) {
        throw new InputException("--to must be after --from");
      }
      handle()
          .backfill(
              List.of(
                  new ScheduleBackfill(
                      a, b, ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL)));
      say("schedule %s: backfilling %s .. %s (buffer all)", id, a, b);
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a schedule (cycles it started are kept).")
  static final class Delete extends OneSchedule {
    @Override
    public Integer call() {
      handle().delete();
      say("schedule %s: deleted", id);
      return 0;
    }
  }

  static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }
}
