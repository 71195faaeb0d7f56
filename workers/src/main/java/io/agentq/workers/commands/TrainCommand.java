package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One training round on data already in the store: RFT, outcome DPO or Agent Q's node-level DPO
 * from a stored version, evaluated on dev and promoted if not worse. What an operator uses to try
 * other hyper-parameters on the data a ladder or a cycle collected, without collecting it again.
 */
@Command(
    name = "train",
    description =
        "Train a stored policy version on stored data (RFT, outcome DPO or Agent Q pairs), evaluate"
            + " it on dev and promote it if it is not worse; run again with the same --round-id to"
            + " resume.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Option(names = "--round-id", required = true, description = "The round's id; rerun to resume.")
  String roundId;

  @Option(
      names = "--method",
      required = true,
      description =
          "rft (the data's successful trajectories), outcome-dpo (a success against a failure on"
              + " one task), agentq (node-level pairs of searched episodes), distill (soft targets"
              + " of their trees), agentq-distill (both), or labels (checked episodes' labels).")
  String method;

  @Option(names = "--parent", required = true, description = "The version training starts from.")
  String parent;

  @Option(
      names = "--data",
      required = true,
      split = ",",
      description =
          "Store prefixes of the data: trajectory files (rft, outcome-dpo) or searched episodes"
              + " (agentq: their pairs.jsonl files), e.g. ladders/L/samples/ or episodes/L-aq1-.")
  List<String> data;

  @Option(names = "--epochs", defaultValue = "8", description = "Passes over the data.")
  int epochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate.")
  double learningRate;

  @Option(names = "--beta", defaultValue = "0.1", description = "DPO's beta.")
  double beta;

  @Option(
      names = "--nll",
      defaultValue = "0",
      description = "DPO: weight of an NLL term on the preferred side (0: plain DPO).")
  double nll;

  @Option(
      names = "--pairs-per-task",
      defaultValue = "4",
      description = "Outcome DPO: most pairs made per task.")
  int pairsPerTask;

  @Option(
      names = "--temperature",
      defaultValue = "0.3",
      description = "Sampling temperature stored with the new version.")
  double temperature;

  @Option(
      names = "--dev-tasks",
      defaultValue = "200",
      description =
          "Dev tasks the new version is evaluated on: a seeded sample of N, stratified by product"
              + " category (sample seed 1).")
  int devTasks;

  @Option(
      names = "--margin",
      defaultValue = "0",
      description = "Promote when dev success is at least the parent's minus this.")
  double margin;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: embedded).")
  String temporal;

  @Override
  public Integer call() {
    shop.check();
    List<DataKind> kinds =
        switch (method) {
          case "rft" -> List.of(DataKind.SUCCESSES);
          case "outcome-dpo" -> List.of(DataKind.OUTCOME_PAIRS);
          case "agentq" -> List.of(DataKind.NODE_PAIRS);
          case "distill" -> List.of(DataKind.SEARCH_TARGETS);
          case "agentq-distill" -> List.of(DataKind.NODE_PAIRS, DataKind.SEARCH_TARGETS);
          case "labels" -> List.of(DataKind.LABELS);
          default ->
              throw new InputException(
                  "--method '"
                      + method
                      + "': use rft, outcome-dpo, agentq, distill, agentq-distill or labels");
        };
    if (epochs < 1 || !(learningRate > 0) || !(beta > 0) || nll < 0 || devTasks < 1) {
      throw new InputException(
          "--epochs, --lr, --beta and --dev-tasks must be positive, --nll at least 0");
    }
    if (!roundId.matches("[A-Za-z0-9._-]+")) {
      throw new InputException(
          "--round-id '" + roundId + "': use letters, digits, '.', '_' or '-'");
    }
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack stack =
            AgentqStack.startWorkers(rt, temporal, store.s3, "http", 2, AgentqStack.ALL_QUEUES)) {
      JsonArtifacts artifacts = stack.artifacts();
      PolicyStore policies = EvalCommand.policies(artifacts, rt.data().catalog());
      String from = SearchOptions.policyName(parent, stack::artifacts);
      PolicyVersion parentVersion =
          policies
              .manifest(from)
              .orElseThrow(
                  () ->
                      new InputException("--parent " + parent + ": no such version in the store"));
      List<io.agentq.core.training.DataSet> sets = new ArrayList<>();
      for (DataKind kind : kinds) {
        sets.add(io.agentq.core.training.DataSet.of(kind, keys(artifacts, kind)));
      }
      int files = sets.stream().mapToInt(d -> d.keys().size()).sum();
      TrainingConfig config =
          (kinds.size() > 1 || kinds.get(0) == DataKind.SEARCH_TARGETS
                  ? TrainingConfig.search()
                  : kinds.get(0).imitated() ? TrainingConfig.imitation() : TrainingConfig.dpo())
              .withEpochs(epochs)
              .withLearningRate(learningRate)
              .withBeta(beta)
              .withImitationWeight(nll)
              .withSeed(shop.seed);
      long start = System.nanoTime();
      RoundResult r =
          stack.runRound(
              new RoundRequest(
                  roundId,
                  method,
                  method + " from " + from + " on " + files + " files under " + data,
                  from,
                  from,
                  parentVersion.hidden(),
                  temperature,
                  config,
                  sets,
                  pairsPerTask,
                  new RoundRequest.DevEvaluation(devTasks, shop.maxSteps, shop.seed),
                  margin,
                  null,
                  null));
      PolicyVersion v = policies.manifest(r.version()).orElseThrow();
      EpochMetrics last = v.metrics().isEmpty() ? null : v.metrics().get(v.metrics().size() - 1);
      System.out.printf(
          Locale.ROOT,
          "policy %s: %s from %s, %d examples, %s%s%n"
              + "dev (no search): %d/%d = %.1f%%, %s: %d/%d; promoted: %s; report %s; %.1f s%n",
          v.version(),
          method,
          from,
          v.examples(),
          config.describe(),
          last == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; last epoch loss %.4f accuracy %.3f margin %.3f",
                  last.loss(),
                  last.accuracy(),
                  last.meanMargin()),
          r.dev().successes(),
          r.dev().tasks(),
          100 * r.dev().successRate(),
          r.currentDev().policy(),
          r.currentDev().successes(),
          r.currentDev().tasks(),
          r.promoted(),
          r.reportKey(),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }

  /**
   * The data files of one kind under the --data prefixes: trajectories or checked episodes, or the
   * searched episodes' pairs files or trees.
   */
  private List<String> keys(JsonArtifacts artifacts, DataKind kind) {
    String file =
        switch (kind) {
          case NODE_PAIRS -> ".jsonl"; // episodes' pairs.jsonl, or a ladder's visit-ruled pairs
          case SEARCH_TARGETS, SEARCH_PATHS -> "/tree.json";
          default -> "";
        };
    List<String> out = new ArrayList<>();
    for (String prefix : data) {
      List<String> under =
          artifacts.store().list(prefix).stream().filter(k -> k.endsWith(file)).sorted().toList();
      if (under.isEmpty()) {
        throw new InputException(
            "--data "
                + prefix
                + ": nothing under it in the store"
                + (file.isEmpty() ? "" : " (" + method + " reads files ending in " + file + ")"));
      }
      out.addAll(under);
    }
    return out;
  }
}
