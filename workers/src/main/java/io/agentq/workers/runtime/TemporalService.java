package io.agentq.workers.runtime;

import io.agentq.core.InputException;
import io.agentq.workflows.visibility.Visibility;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Temporal service a process talks to, and what agentq does differently on the SDK's test
 * server (embedded, or run as a service as the fault run does) and on a real cluster.
 *
 * <p>The test server sends a workflow's next workflow task to the sticky queue of the worker that
 * ran the last one and never moves it back, even when that worker is dead (a real cluster moves it
 * after the sticky schedule-to-start timeout, or at once when nobody polls the sticky queue): a
 * workflow worker killed while an activity of one of its workflows runs would strand that workflow.
 * So the workflow workers of a process that talks to a test server run elsewhere (as a service) ask
 * for no sticky execution: every workflow task goes to the workflow queue with the whole history,
 * and any worker of the queue takes it. The embedded service lives and dies with its own process's
 * workers, so nothing can be stranded there and they keep sticky execution, as do the workers of a
 * real cluster: without it every workflow task replays the whole history, which costs the
 * all-in-one search 1-3% (its steps are local activities: few workflow tasks) and an episode with
 * every step on a task queue 32-46% more wall time (BENCHMARKS.md).
 *
 * <p>agentq's search attributes ({@link Visibility}) are registered on the test server, which is
 * agentq's own; on a real cluster registering them is the operator's job ({@code agentq
 * search-attributes} or the Temporal CLI), and a process that would start workflows without them
 * says so in one line.
 *
 * @param testServer whether the service is the SDK's test server (it reports no server version)
 * @param embedded whether it is this process's own embedded service
 */
public record TemporalService(String target, boolean testServer, boolean embedded) {
  /** The namespace agentq uses. */
  public static final String NAMESPACE = "default";

  /** The service at {@code target}; {@code embedded}: the test server this process started. */
  static TemporalService of(WorkflowServiceStubs stubs, String target, boolean embedded) {
    if (embedded) {
      return new TemporalService(target, true, true);
    }
    String version =
        stubs
            .blockingStub()
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
            .getServerVersion();
    return new TemporalService(target, version.isEmpty(), false);
  }

  /**
   * The options of the workflow queue's worker: without sticky execution on a test server run
   * elsewhere (a sticky schedule-to-start timeout of zero makes the SDK ask for none).
   *
   * @param sticky null: as the service needs; true or false: forced (bench-search compares them)
   */
  WorkerOptions workflowWorkerOptions(Boolean sticky) {
    boolean on = sticky != null ? sticky : !testServer || embedded;
    return on
        ? WorkerOptions.getDefaultInstance()
        : WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  }

  /**
   * Makes sure workflows can be started with agentq's search attributes: registered on the test
   * server; on a cluster, checked, and one line with the commands to run if any is missing.
   */
  public void prepareSearchAttributes() {
    if (testServer) {
      register(target);
      return;
    }
    List<String> missing = missing(target);
    if (!missing.isEmpty()) {
      throw new InputException(
          "the Temporal namespace '"
              + NAMESPACE
              + "' at "
              + target
              + " lacks agentq's search attributes "
              + missing
              + ": register them once, as its operator, with `bin/agentq search-attributes"
              + " --temporal "
              + target
              + "` or `"
              + cliCommand(target)
              + "`");
    }
  }

  /** The Temporal CLI command that registers every attribute (all Keyword). */
  public static String cliCommand(String target) {
    return "temporal operator search-attribute create --address "
        + target
        + " --namespace "
        + NAMESPACE
        + Visibility.KEYS.stream()
            .map(k -> " --name " + k.getName() + " --type Keyword")
            .collect(Collectors.joining());
  }

  /**
   * Registers every attribute the namespace lacks, one at a time (one that exists is left as it
   * is); returns the names added. An attribute that exists with another type is bad input.
   */
  public static List<String> register(String target) {
    OperatorServiceStubs operator = operator(target);
    try {
      Map<String, IndexedValueType> have = listed(operator);
      List<String> added = new ArrayList<>();
      for (var key : Visibility.KEYS) {
        String name = key.getName();
        IndexedValueType type = have == null ? null : have.get(name);
        if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) {
          continue;
        }
        if (type != null) {
          throw new InputException(wrongType(target, name, type));
        }
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(NAMESPACE)
                      .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                      .build());
          added.add(name);
        } catch (StatusRuntimeException e) {
          // Another process registered it first (the fault run's workers start together).
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      }
      return added;
    } finally {
      operator.shutdownNow();
    }
  }

  /**
   * The attributes the namespace lacks; none when the service cannot or will not list them (then a
   * start without them fails with the service's own message).
   */
  static List<String> missing(String target) {
    OperatorServiceStubs operator = operator(target);
    try {
      Map<String, IndexedValueType> have = listed(operator);
      List<String> out = new ArrayList<>();
      for (var key : Visibility.KEYS) {
        IndexedValueType type = have == null ? null : have.get(key.getName());
        if (have != null && type == null) {
          out.add(key.getName());
        } else if (type != null && type != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) {
          throw new InputException(wrongType(target, key.getName(), type));
        }
      }
      return out;
    } finally {
      operator.shutdownNow();
    }
  }

  private static String wrongType(String target, String name, IndexedValueType type) {
    return "the search attribute "
        + name
        + " at "
        + target
        + " is "
        + type
        + ", agentq needs Keyword: remove it (temporal operator search-attribute remove --name "
        + name
        + ") and register it again";
  }

  /**
   * The namespace's custom attributes by name, or null when the service cannot list them (the test
   * server) or will not to this caller.
   */
  private static Map<String, IndexedValueType> listed(OperatorServiceStubs operator) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNIMPLEMENTED || code == Status.Code.PERMISSION_DENIED) {
        return null;
      }
      throw e;
    }
  }

  private static OperatorServiceStubs operator(String target) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
  }
}
