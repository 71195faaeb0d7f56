package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The cluster path of schedules against a real Temporal server (the Temporal CLI's dev server in a
 * container): agentq's search attributes registered, then create, list, describe, pause, unpause,
 * trigger (the fired cycles found by a visibility query), backfill and delete. Skipped where there
 * is no Docker engine (these machines have none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ScheduleClusterTest {
  @Container
  static final GenericContainer<?> TEMPORAL =
      new GenericContainer<>(DockerImageName.parse("temporalio/temporal:1.4.1"))
          .withCommand("server", "start-dev", "--ip", "0.0.0.0")
          .withExposedPorts(7233);

  @TempDir Path dir;

  int run(Path home, String log, List<String> args) throws Exception {
    try (Child c = Child.start(home, home.resolve(log), args)) {
      int code = c.exitCode(300);
      assertEquals(0, code, c.output());
      return code;
    }
  }

  String output(Path home, String log, List<String> args) throws Exception {
    try (Child c = Child.start(home, home.resolve(log), args)) {
      assertEquals(0, c.exitCode(300), c.output());
      return c.output();
    }
  }

  /**
   * Executions found by `AgentqEnvironment = 'shop' AND AgentqOutcome = 'running'`, as `temporal
   * workflow list --query` finds them (visibility lags a little: asked for up to 30 s).
   */
  static long runningCycles(String temporal) throws InterruptedException {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        long n =
            client
                .listExecutions("AgentqEnvironment = 'shop' AND AgentqOutcome = 'running'")
                .count();
        if (n > 0 || System.nanoTime() > deadline) {
          return n;
        }
        Thread.sleep(500);
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void schedulesOnARealCluster() throws Exception {
    SmallShop shop = SmallShop.in(dir);
    Path home = dir.resolve("home");
    String temporal = TEMPORAL.getHost() + ":" + TEMPORAL.getMappedPort(7233);
    // The operator's step, once per cluster (again: nothing to do); a schedule needs it.
    assertTrue(
        output(home, "attributes.log", List.of("search-attributes", "--temporal", temporal))
            .contains("AgentqOutcome      Keyword  registered"));
    assertTrue(
        output(home, "attributes-again.log", List.of("search-attributes", "--temporal", temporal))
            .contains("AgentqOutcome      Keyword  already there"));
    run(
        home,
        "create.log",
        shop.args(
            List.of(
                "schedule",
                "create",
                "--id",
                "daily",
                "--cron",
                "0 2 * * *",
                "--temporal",
                temporal)));
    assertTrue(
        output(home, "list.log", List.of("schedule", "list", "--temporal", temporal))
            .contains("daily"));
    String described =
        output(
            home, "describe.log", List.of("schedule", "describe", "daily", "--temporal", temporal));
    assertTrue(described.contains("active") && described.contains("next:"), described);
    run(home, "pause.log", List.of("schedule", "pause", "daily", "--temporal", temporal));
    assertTrue(
        output(home, "paused.log", List.of("schedule", "describe", "daily", "--temporal", temporal))
            .contains("paused"));
    run(home, "unpause.log", List.of("schedule", "unpause", "daily", "--temporal", temporal));
    run(home, "trigger.log", List.of("schedule", "trigger", "daily", "--temporal", temporal));
    run(
        home,
        "backfill.log",
        List.of(
            "schedule",
            "backfill",
            "daily",
            "--from",
            "2026-12-01T00:00:00Z",
            "--to",
            "2026-12-03T00:00:00Z",
            "--temporal",
            temporal));
    String after =
        output(home, "after.log", List.of("schedule", "describe", "daily", "--temporal", temporal));
    assertTrue(after.contains("fired:"), "the trigger and the backfill started cycles: " + after);
    assertTrue(
        runningCycles(temporal) >= 1,
        "the fired cycles are found by their search attributes (no worker runs them here)");
    run(home, "delete.log", List.of("schedule", "delete", "daily", "--temporal", temporal));
    assertTrue(
        !output(home, "gone.log", List.of("schedule", "list", "--temporal", temporal))
            .contains("daily"));
  }
}
