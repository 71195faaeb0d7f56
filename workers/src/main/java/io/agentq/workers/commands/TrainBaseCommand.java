package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.training.BookingPolicyFeatures;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.BookingTasks;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.training.DataCollected;
import io.agentq.workflows.training.DataRequest;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "train-base",
    description =
        "The base policy: behaviour cloning on scripted-expert demonstrations of train tasks,"
            + " stored as the next policy version.")
public final class TrainBaseCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Option(
      names = "--demos",
      defaultValue = "200",
      description = "Successful demonstrations to clone.")
  int demos;

  @Option(
      names = "--dataset",
      defaultValue = "demos",
      description = "Name of the demonstrations' folder in the store.")
  String dataset;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the demonstrations.")
  int epochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate.")
  double learningRate;

  @Option(
      names = "--hidden",
      defaultValue = "128",
      split = ",",
      description = "Hidden layer sizes, e.g. 128 or 128,64 (128: chosen on dev, BENCHMARKS.md).")
  List<Integer> hidden;

  @Option(
      names = "--temperature",
      defaultValue = "0.3",
      description = "Sampling temperature of the policy's episodes (0: greedy).")
  double temperature;

  @Option(names = "--threads", defaultValue = "2", description = "Demonstrations run in parallel.")
  int threads;

  @Option(
      names = "--round-id",
      description =
          "Id of the training round (default: base-DATASET-DEMOS); run again with it to resume.")
  String roundId;

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
      description =
          "Promote when the new version's dev success is at least the promoted one's minus this.")
  double margin;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: an embedded one).")
  String temporal;

  /**
   * Scripted-expert demonstrations on the train split's seeded stratified order, in sandbox
   * sessions, each kept at {@code datasets/NAME/tN.json} (failures too, so a rerun reads every
   * attempt back), until {@code count} succeeded.
   */
  static DataRequest demonstrations(
      String dataset, int count, int maxSteps, int threads, String environment) {
    return new DataRequest(
        DataRequest.Source.DEMONSTRATIONS,
        StoreKeys.dataset(dataset),
        null,
        -1,
        0,
        1,
        0,
        count,
        count,
        Math.max(1, threads),
        maxSteps,
        0,
        0,
        environment);
  }

  @Override
  public Integer call() {
    shop.check(true);
    boolean booking = shop.booking();
    if (booking && dataset.equals("demos")) {
      dataset = "booking-demos"; // the shop's demonstrations keep their folder
    }
    if (demos < 1 || epochs < 1 || !(learningRate > 0) || temperature < 0 || devTasks < 1) {
      throw new InputException(
          "--demos, --epochs, --lr and --dev-tasks must be positive, --temperature >= 0");
    }
    String round = roundId != null ? roundId : "base-" + dataset + "-" + demos;
    String env = booking ? BookingRuntime.ENVIRONMENT : null;
    // The booking site draws its controls with JavaScript: its demonstrations run in Chromium. The
    // shop runs beside it (the stack's stored policies read its catalog).
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), booking ? null : shop.site);
        BookingRuntime site = booking ? BookingRuntime.connect(shop.site) : null;
        AgentqStack stack =
            AgentqStack.startWorkers(
                rt,
                site == null ? List.of() : List.of(site),
                temporal,
                store.s3,
                booking ? "playwright" : "http",
                Math.max(2, threads),
                AgentqStack.ALL_QUEUES)) {
      int trainTasks =
          booking
              ? site.tasks(null).tasks("train", Integer.MAX_VALUE).size()
              : rt.data().sample(TaskSplit.TRAIN).size();
      DataCollected c =
          stack.collect(
              demonstrations(dataset, demos, shop.maxSteps + 8, threads, env),
              new Progress(System.err, demos, "demonstrations"));
      List<String> keys = c.successKeys();
      System.out.printf(
          Locale.ROOT,
          "demonstrations: %d successful of %d attempted on train tasks (%s; %d environment steps),"
              + " in %s%n",
          keys.size(),
          c.episodes().size(),
          booking
              ? SampledTasks.describe(c.episodes().size(), trainTasks, BookingTasks.STRATA)
              : SampledTasks.describe(c.episodes().size(), trainTasks),
          c.interactions(),
          StoreKeys.dataset(dataset) + "/");
      PolicyStore policies = EvalCommand.policies(stack.artifacts(), rt.data().catalog());
      TrainingConfig config =
          TrainingConfig.imitation()
              .withEpochs(epochs)
              .withLearningRate(learningRate)
              .withSeed(shop.seed);
      RoundRequest request =
          new RoundRequest(
              round,
              "bc",
              "behaviour cloning on " + keys.size() + " expert demonstrations (" + dataset + ")",
              null,
              // compared with the version promoted on the same site (each site has its own)
              policies.promoted(env).map(PolicyStore.Promotion::version).orElse(null),
              hidden,
              temperature,
              config,
              List.of(io.agentq.core.training.DataSet.of(DataKind.SUCCESSES, keys)),
              0,
              new RoundRequest.DevEvaluation(devTasks, shop.maxSteps, shop.seed, env),
              margin,
              booking ? BookingPolicyFeatures.DECISION_LAYOUT : null,
              null);
      long start = System.nanoTime();
      RoundResult r = stack.runRound(request);
      PolicyVersion v = policies.manifest(r.version()).orElseThrow();
      if (r.resumedAfterEpoch() > 0) {
        System.out.printf(
            "training resumed after epoch %d (saved in the store)%n", r.resumedAfterEpoch());
      }
      EpochMetrics last = v.metrics().get(v.metrics().size() - 1);
      System.out.printf(
          Locale.ROOT,
          "policy %s: %s, %d decisions, %s; last epoch loss %.4f accuracy %.3f%n"
              + "dev (no search): %d/%d = %.1f%%%s; promoted: %s; report %s; %.1f s%n",
          v.version(),
          v.architecture(),
          v.examples(),
          config.describe(),
          last.loss(),
          last.accuracy(),
          r.dev().successes(),
          r.dev().tasks(),
          100 * r.dev().successRate(),
          r.currentDev() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  " (promoted %s: %d/%d)",
                  r.currentDev().policy(),
                  r.currentDev().successes(),
                  r.currentDev().tasks()),
          r.promoted(),
          r.reportKey(),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}
