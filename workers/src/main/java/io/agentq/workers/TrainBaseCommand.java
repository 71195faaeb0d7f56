package io.agentq.workers;

import io.agentq.core.InputException;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.policy.MiniLmEncoder;
import io.agentq.infra.training.PolicyFeatures;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.infra.training.TrainingRun;
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
final class TrainBaseCommand implements Callable<Integer> {
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
      defaultValue = "64",
      split = ",",
      description = "Hidden layer sizes, e.g. 64 or 128,64.")
  List<Integer> hidden;

  @Option(
      names = "--temperature",
      defaultValue = "0.3",
      description = "Sampling temperature of the policy's episodes (0: greedy).")
  double temperature;

  @Option(names = "--threads", defaultValue = "2", description = "Demonstrations run in parallel.")
  int threads;

  @Override
  public Integer call() {
    shop.check();
    if (demos < 1 || epochs < 1 || !(learningRate > 0) || temperature < 0) {
      throw new InputException("--demos, --epochs and --lr must be positive, --temperature >= 0");
    }
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        StoreOptions.Open s = store.open();
        DriverFactory drivers = new DriverFactory("http")) {
      List<Goal> train = rt.data().goals(TaskSplit.TRAIN);
      Demonstrations.Collected c =
          Demonstrations.collect(
              rt,
              drivers,
              s.artifacts(),
              dataset,
              train,
              demos,
              shop.maxSteps + 8,
              threads,
              new Progress(System.err, demos, "demonstrations"));
      System.out.printf(
          Locale.ROOT,
          "demonstrations: %d successful of %d attempted on train tasks (%d environment steps), in %s%n",
          c.keys().size(),
          c.attempted(),
          c.interactions(),
          "datasets/" + dataset + "/");
      PolicyStore policies =
          new PolicyStore(s.artifacts(), new PolicyFeatures(MiniLmEncoder.shared()));
      String version = policies.nextVersion();
      TrainingConfig config =
          TrainingConfig.imitation()
              .withEpochs(epochs)
              .withLearningRate(learningRate)
              .withSeed(shop.seed);
      long start = System.nanoTime();
      PolicyVersion v =
          new TrainingRun(s.artifacts(), policies)
              .run(
                  new TrainingRun.Spec(
                      "training/" + version,
                      version,
                      "bc",
                      "behaviour cloning on "
                          + c.keys().size()
                          + " expert demonstrations ("
                          + dataset
                          + ")",
                      null,
                      hidden,
                      temperature,
                      config,
                      DataKind.SUCCESSES,
                      c.keys(),
                      0),
                  key -> System.err.printf("saved %s%n", key));
      System.out.printf(
          Locale.ROOT,
          "policy %s: %s, %d decisions, %s; last epoch loss %.4f accuracy %.3f; %.1f s%n",
          v.version(),
          v.architecture(),
          v.examples(),
          config.describe(),
          v.metrics().get(v.metrics().size() - 1).loss(),
          v.metrics().get(v.metrics().size() - 1).accuracy(),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}
