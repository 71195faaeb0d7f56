package io.agentq.activities.cycle;

import io.agentq.activities.training.TaskSite;
import io.agentq.activities.training.TaskSites;
import io.agentq.core.InputException;
import io.agentq.core.search.PreferencePair;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.infra.training.RuledPairs;
import io.agentq.workflows.cycle.CycleActivities;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.CycleRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cycle's store side: thin over the artifact store, the site's task lists and the pairs. */
public final class CycleActivitiesImpl implements CycleActivities {
  private final JsonArtifacts artifacts;
  private final TaskSites sites;
  private final PolicyStore policies;

  public CycleActivitiesImpl(JsonArtifacts artifacts, TaskSites sites, PolicyStore policies) {
    this.artifacts = artifacts;
    this.sites = sites;
    this.policies = policies;
  }

  @Override
  public CycleRequest resolve(CycleRequest template, String workflowId) {
    String id = template.cycleId() != null ? template.cycleId() : CycleKeys.idOf(workflowId);
    Optional<CycleRecord> stored = artifacts.get(CycleKeys.record(id), CycleRecord.class);
    if (stored.isPresent()) {
      CycleRequest s = stored.get().request();
      CycleRequest filled =
          template.with(
              id,
              CycleRequest.PROMOTED.equals(template.parent()) ? s.parent() : template.parent(),
              template.critic() == null ? s.critic() : template.critic(),
              template.hidden().isEmpty() ? s.hidden() : template.hidden(),
              template.temperature() < 0 ? s.temperature() : template.temperature());
      if (!filled.equals(s)) {
        throw reused(filled, s);
      }
      return s;
    }
    String parent = template.parent();
    if (CycleRequest.PROMOTED.equals(parent)) {
      String env = template.environment();
      parent =
          policies
              .promoted(env)
              .map(PolicyStore.Promotion::version)
              .orElseThrow(
                  () ->
                      new InputException(
                          "cycle "
                              + id
                              + ": no version is promoted yet on "
                              + (env == null ? "shop" : env)
                              + " (train-base makes and promotes the first)"));
    }
    String from = parent;
    PolicyVersion v =
        policies
            .manifest(parent)
            .orElseThrow(
                () ->
                    new InputException(
                        "cycle " + id + ": policy " + from + " is not in the store"));
    return template.with(
        id,
        parent,
        template.critic() == null ? "base-ranking:" + root(v) : template.critic(),
        template.hidden().isEmpty() ? v.hidden() : template.hidden(),
        template.temperature() < 0 ? v.temperature() : template.temperature());
  }

  /** The first version of a lineage: its frozen ranking is a cycle's default critic. */
  private String root(PolicyVersion v) {
    PolicyVersion at = v;
    for (int guard = 0; guard < 100_000 && at.parent() != null; guard++) {
      Optional<PolicyVersion> up = policies.manifest(at.parent());
      if (up.isEmpty()) {
        break;
      }
      at = up.get();
    }
    return at.version();
  }

  private static InputException reused(CycleRequest asked, CycleRequest before) {
    return new InputException(
        "cycle id reused: cycle "
            + before.cycleId()
            + " was started from "
            + before.parent()
            + " with budget "
            + before.budget()
            + " and "
            + before.search().budget()
            + "; this start asks for "
            + asked.parent()
            + " with budget "
            + asked.budget()
            + " and "
            + asked.search().budget()
            + ". Use a new --id, or the same options as before (cycle resume ID does).");
  }

  @Override
  public CycleRecord begin(CycleRequest request) {
    String key = CycleKeys.record(request.cycleId());
    Optional<CycleRecord> stored = artifacts.get(key, CycleRecord.class);
    if (stored.isPresent()) {
      CycleRequest before = stored.get().request();
      if (!before.equals(request)) {
        throw reused(request, before);
      }
      return stored.get();
    }
    CycleRecord fresh = CycleRecord.start(request);
    artifacts.put(key, "cycle-record", fresh);
    return fresh;
  }

  @Override
  public boolean cancelRequested(String cycleId) {
    return artifacts
        .get(CycleKeys.cancel(cycleId), CycleKeys.Cancel.class)
        .map(CycleKeys.Cancel::requested)
        .orElse(false);
  }

  @Override
  public void save(CycleRecord record) {
    artifacts.put(CycleKeys.record(record.request().cycleId()), "cycle-record", record);
  }

  @Override
  public List<Integer> trainTasks(String cycleId, String environment, int from, int count) {
    List<Integer> order = order(cycleId, sites.of(environment));
    int end = Math.min(order.size(), from + count);
    return from >= end ? List.of() : List.copyOf(order.subList(from, end));
  }

  /**
   * The cycle's train task order: the split's seeded stratified order without the tasks other
   * cycles of its lineage used, frozen the first time (so a resumed cycle takes the same tasks).
   */
  private List<Integer> order(String cycleId, TaskSite site) {
    String key = CycleKeys.taskOrder(cycleId);
    Optional<Integer[]> frozen = artifacts.get(key, Integer[].class);
    if (frozen.isPresent()) {
      return List.of(frozen.get());
    }
    Set<Integer> used = new HashSet<>();
    for (String other : others(cycleId)) {
      artifacts
          .get(CycleKeys.usedTasks(other), Integer[].class)
          .ifPresent(t -> used.addAll(List.of(t)));
    }
    List<Integer> order = new ArrayList<>();
    for (int t : site.tasks("train", Integer.MAX_VALUE)) {
      if (!used.contains(t)) {
        order.add(t);
      }
    }
    artifacts.put(key, "cycle-task-order", order);
    return order;
  }

  /** The other cycles of a cycle's lineage, in the store's order of cycle ids. */
  private List<String> others(String cycleId) {
    String lineage =
        artifacts
            .get(CycleKeys.record(cycleId), CycleRecord.class)
            .map(r -> r.request().lineageName())
            .orElse(CycleRequest.DAILY);
    List<String> out = new ArrayList<>();
    for (String other : CycleKeys.cycles(artifacts.store())) {
      if (!other.equals(cycleId)
          && artifacts
              .get(CycleKeys.record(other), CycleRecord.class)
              .map(r -> r.request().lineageName().equals(lineage))
              .orElse(false)) {
        out.add(other);
      }
    }
    return out;
  }

  @Override
  public CycleRecord.Collected collected(
      String cycleId,
      List<String> treeKeys,
      List<Integer> tasks,
      int successes,
      int interactions,
      int overrun) {
    artifacts.put(CycleKeys.usedTasks(cycleId), "cycle-used-tasks", tasks);
    artifacts.put(CycleKeys.trees(cycleId), "data-keys", treeKeys);
    return new CycleRecord.Collected(
        treeKeys.size(),
        successes,
        interactions,
        overrun,
        CycleKeys.trees(cycleId),
        CycleKeys.usedTasks(cycleId));
  }

  /** The buffer as first computed: the cycles before this one and their files. */
  record Buffer(List<String> cycles, List<String> pairFiles, List<String> treeFiles) {}

  @Override
  public CycleRecord.PairsMade pairs(CycleRequest request, String treesKey) {
    String id = request.cycleId();
    List<String> trees = List.of(artifacts.get(treesKey, String[].class).orElseThrow());
    RuledPairs ruled =
        new RuledPairs(artifacts, request.search().pairThreshold(), request.visits());
    List<String> files = new ArrayList<>();
    List<PreferencePair> mine = new ArrayList<>();
    for (String tree : trees) {
      String episode = tree.replaceAll("^episodes/|/tree\\.json$", "");
      RuledPairs.Written w = ruled.write(tree, CycleKeys.pairFile(id, episode));
      files.add(w.key());
      mine.addAll(w.pairs());
    }
    artifacts.put(CycleKeys.pairFiles(id), "data-keys", files);

    Buffer buffer = artifacts.get(CycleKeys.buffer(id), Buffer.class).orElse(null);
    if (buffer == null) {
      List<String> cycles = new ArrayList<>();
      Set<String> pairFiles = new LinkedHashSet<>();
      Set<String> treeFiles = new LinkedHashSet<>();
      for (String other : others(id)) {
        Optional<String[]> theirs = artifacts.get(CycleKeys.pairFiles(other), String[].class);
        if (theirs.isPresent()) {
          cycles.add(other);
          pairFiles.addAll(List.of(theirs.get()));
          treeFiles.addAll(
              List.of(artifacts.get(CycleKeys.trees(other), String[].class).orElseThrow()));
        }
      }
      pairFiles.addAll(files);
      treeFiles.addAll(trees);
      buffer = new Buffer(cycles, List.copyOf(pairFiles), List.copyOf(treeFiles));
      artifacts.put(CycleKeys.buffer(id), "cycle-replay-buffer", buffer);
    }
    artifacts.put(CycleKeys.dataPairs(id), "data-keys", buffer.pairFiles());
    artifacts.put(CycleKeys.dataTrees(id), "data-keys", buffer.treeFiles());
    int bufferPairs = 0;
    for (String f : buffer.pairFiles()) {
      bufferPairs += PairStats.count(artifacts.store().get(f).orElse(new byte[0]));
    }
    PairStats stats = PairStats.of(mine);
    return new CycleRecord.PairsMade(
        mine.size(),
        buffer.cycles(),
        bufferPairs,
        CycleKeys.dataPairs(id),
        CycleKeys.dataTrees(id),
        stats.meanGap(),
        stats.criticOnly());
  }

  @Override
  public String report(String cycleId) {
    String env =
        artifacts
            .get(CycleKeys.record(cycleId), CycleRecord.class)
            .map(r -> r.request().environment())
            .orElse(null);
    return new CycleReport(artifacts, sites.of(env), policies).write(cycleId);
  }
}
