package io.agentq.activities.cycle;

import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.ArtifactStore;
import java.util.List;
import java.util.TreeSet;

/** Where a cycle's artifacts are in the store, under the prefixes {@link StoreKeys} names. */
public final class CycleKeys {
  private CycleKeys() {}

  /**
   * A cycle's id from its workflow id ({@code cycle-ID}; a schedule appends the firing time, whose
   * colons become dashes).
   */
  public static String idOf(String workflowId) {
    String id =
        workflowId.startsWith("cycle-") ? workflowId.substring("cycle-".length()) : workflowId;
    return id.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  public static String record(String cycleId) {
    return StoreKeys.cycle(cycleId, "cycle.json");
  }

  /** An operator's request that a cycle stop (false again when it is started or resumed). */
  public record Cancel(boolean requested, String at) {}

  public static String cancel(String cycleId) {
    return StoreKeys.cycle(cycleId, "cancel.json");
  }

  static String taskOrder(String cycleId) {
    return StoreKeys.cycle(cycleId, "task-order.json");
  }

  static String usedTasks(String cycleId) {
    return StoreKeys.cycle(cycleId, "used-tasks.json");
  }

  static String trees(String cycleId) {
    return StoreKeys.cycle(cycleId, "trees.json");
  }

  static String buffer(String cycleId) {
    return StoreKeys.cycle(cycleId, "replay-buffer.json");
  }

  static String dataPairs(String cycleId) {
    return StoreKeys.cycle(cycleId, "data-pairs.json");
  }

  static String dataTrees(String cycleId) {
    return StoreKeys.cycle(cycleId, "data-trees.json");
  }

  static String pairFile(String cycleId, String episode) {
    return StoreKeys.cyclePairs(cycleId, episode + ".jsonl");
  }

  static String pairFiles(String cycleId) {
    return StoreKeys.cyclePairs(cycleId, "files.json");
  }

  public static String reportDir(String cycleId) {
    return StoreKeys.report(cycleId);
  }

  /** The ids of every cycle with a record in the store, sorted. */
  public static List<String> cycles(ArtifactStore store) {
    TreeSet<String> ids = new TreeSet<>();
    for (String key : store.list("cycles/")) {
      String rest = key.substring("cycles/".length());
      int slash = rest.indexOf('/');
      if (slash > 0 && rest.endsWith("/cycle.json") && rest.indexOf('/', slash + 1) < 0) {
        ids.add(rest.substring(0, slash));
      }
    }
    return List.copyOf(ids);
  }
}
