package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.workers.runtime.TemporalService;
import io.agentq.workflows.visibility.Visibility;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registers agentq's search attributes on a cluster's namespace: the operator's step, once per
 * cluster, before cycles, episodes or schedules are started there (the embedded service has them
 * already).
 */
@Command(
    name = "search-attributes",
    description =
        "Register agentq's search attributes (AgentqEnvironment, AgentqCycle, AgentqPolicy,"
            + " AgentqOutcome; all Keyword) on a Temporal cluster's namespace 'default', once per"
            + " cluster, so that its UI and `temporal workflow list --query` find agentq's"
            + " workflows.")
public final class SearchAttributesCommand implements Callable<Integer> {
  @Option(names = "--temporal", required = true, description = "host:port of the cluster.")
  String temporal;

  @Override
  public Integer call() {
    List<String> added;
    try {
      added = TemporalService.register(temporal);
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      throw new InputException(
          "--temporal "
              + temporal
              + (status.getCode() == Status.Code.UNAVAILABLE
                  ? ": cannot reach a Temporal service there"
                  : ": could not register the search attributes ("
                      + status.getCode()
                      + ": "
                      + status.getDescription()
                      + ")")
              + "; an operator can run: "
              + TemporalService.cliCommand(temporal));
    }
    for (var key : Visibility.KEYS) {
      System.out.printf(
          "%-18s Keyword  %s%n",
          key.getName(), added.contains(key.getName()) ? "registered" : "already there");
    }
    System.out.println(
        "Namespace '"
            + TemporalService.NAMESPACE
            + "' at "
            + temporal
            + " has agentq's search attributes; e.g. temporal workflow list --query"
            + " \"AgentqCycle = 'c1' AND AgentqOutcome = 'failure'\"");
    return 0;
  }
}
