package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.search.TaskQueues;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A long-running worker process for some task queues, for scale-out beside a real cluster. */
@Command(name = "worker", description = "Run workers for the given task queues until stopped.")
public final class WorkerCommand implements Callable<Integer> {
  private static final Map<String, String> QUEUES =
      Map.of(
          "workflow",
          TaskQueues.WORKFLOW,
          "browser",
          TaskQueues.BROWSER,
          "policy",
          TaskQueues.POLICY);

  @Mixin ShopOptions shop;

  @Option(
      names = "--queues",
      defaultValue = "workflow,browser,policy",
      description = "Comma-separated: workflow, browser, policy.")
  String queues;

  @Option(
      names = "--temporal",
      description = "host:port of the Temporal cluster (default: an embedded one).")
  String temporal;

  @Option(names = "--s3", description = "URL of the S3 server (default: an embedded one).")
  String s3;

  @Option(
      names = "--driver",
      defaultValue = "playwright",
      description = "Browser of the browser queue: playwright or http.")
  String driver;

  @Option(
      names = "--browser-slots",
      defaultValue = "2",
      description = "Browser activities run at once.")
  int slots;

  @Override
  public Integer call() throws InterruptedException {
    shop.check();
    Set<String> chosen = new LinkedHashSet<>();
    for (String q : queues.split(",")) {
      String name = QUEUES.get(q.strip());
      if (name == null) {
        throw new InputException(
            "--queues: unknown queue '" + q.strip() + "' (use workflow, browser, policy)");
      }
      chosen.add(name);
    }
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack stack = AgentqStack.startWorkers(rt, temporal, s3, driver, slots, chosen)) {
      System.out.println(
          "Workers on "
              + chosen
              + " polling "
              + stack.temporalTarget()
              + "; artifacts in "
              + stack.artifacts().store().location()
              + ". Ctrl-C stops them.");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
