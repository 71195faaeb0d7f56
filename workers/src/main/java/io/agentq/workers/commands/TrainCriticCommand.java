package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.SuccessRate;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.training.CriticStore;
import io.agentq.infra.training.CriticTraining;
import io.agentq.infra.training.CriticVersion;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The learned critic: searched episodes on train tasks with alpha = 1 (so no critic biases the
 * trees it will learn from), then a listwise ranker trained on their trees, stored as the next
 * critic version ({@code critics/cN}). Durable: the episodes run as an EvaluationWorkflow of
 * SearchEpisodeWorkflows under a deterministic run id, so a rerun reads finished episodes back; and
 * a rerun that asks for the same training finds the critic it stored.
 */
@Command(
    name = "train-critic",
    description =
        "A learned critic: MCTS (alpha = 1) on a seeded sample of N train tasks, stratified by"
            + " product category, then a listwise ranker of"
            + " the K proposals trained on the trees (which proposal's subtree reached success),"
            + " stored as the next critic version (use it with --critic critic:cN).")
public final class TrainCriticCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Option(
      names = "--tasks",
      defaultValue = "400",
      description =
          "Searched episodes on a seeded sample of N train tasks, stratified by product category"
              + " (sample seed 1).")
  int tasks;

  @Option(
      names = "--policy",
      defaultValue = "zero-shot",
      description =
          "The policy that proposes and rolls out in the searches: zero-shot, a stored version"
              + " (v0, v1, ...) or promoted.")
  String policy;

  @Option(
      names = "--iterations",
      defaultValue = "10",
      description = "MCTS iterations per real step.")
  int iterations;

  @Option(names = "--k", defaultValue = "4", description = "K: actions proposed at a new node.")
  int k;

  @Option(
      names = "--run-id",
      description =
          "Episode ids are RUNID-tTASK (default: critic-trees-POLICY); run again with it to"
              + " resume.")
  String runId;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Episodes run at once (the evaluation workflow's window).")
  int threads;

  @Option(names = "--epochs", defaultValue = "30", description = "Passes over the examples.")
  int epochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate.")
  double learningRate;

  @Option(
      names = "--hidden",
      defaultValue = "64",
      split = ",",
      description = "Hidden layer sizes of the critic, e.g. 64 or 128,64.")
  List<Integer> hidden;

  @Option(
      names = "--least-gap",
      defaultValue = "0",
      description =
          "A node is an example when its best explored proposal's Q_mcts is ahead of the next by"
              + " more than 0 and at least this.")
  double leastGap;

  @Option(
      names = "--validation",
      defaultValue = "0.1",
      description = "Share of the trees (the sample's last tasks) held back to measure the critic.")
  double validation;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: an embedded one).")
  String temporal;

  @Override
  public Integer call() {
    shop.check();
    if (tasks < 1 || epochs < 1 || !(learningRate > 0) || threads < 1) {
      throw new InputException("--tasks, --epochs, --lr and --threads must be positive");
    }
    if (hidden.stream().anyMatch(h -> h < 1)) {
      throw new InputException("--hidden: layer sizes must be positive, got " + hidden);
    }
    if (!(leastGap >= 0 && leastGap <= 1) || !(validation >= 0 && validation < 1)) {
      throw new InputException("--least-gap must be in [0, 1] and --validation in [0, 1)");
    }
    SearchConfig config;
    try {
      // alpha = 1: the trees are the critic's data, so no critic may steer them.
      config =
          new SearchConfig(
              iterations,
              k,
              shop.maxSteps,
              1.0,
              1.0,
              0.1,
              iterations,
              SearchConfig.RolloutValue.SUCCESS,
              shop.seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage().replace("search config: ", "search options: "));
    }
    long start = System.nanoTime();
    Searched trees = search(config);
    // Training needs only the store: the workers and the shop are closed by now.
    try (StoreOptions.Open open = store.open()) {
      CriticStore critics =
          AgentqStack.critics(
              open.artifacts(), EvalCommand.policies(open.artifacts(), shop.data().catalog()));
      CriticTraining training = new CriticTraining(open.artifacts(), critics);
      CriticTraining.Spec spec =
          new CriticTraining.Spec(
              trees.runId(),
              trees.policy(),
              config.budget(),
              tasks,
              trees.interactions(),
              trees.keys(),
              hidden,
              TrainingConfig.imitation()
                  .withEpochs(epochs)
                  .withLearningRate(learningRate)
                  .withSeed(shop.seed),
              validation,
              leastGap);
      var before = training.trainedBefore(spec);
      CriticVersion v;
      if (before.isPresent()) {
        v = before.get();
        System.out.printf(
            "critic %s was trained on these trees as asked before: not trained again%n",
            v.version());
      } else {
        v = training.train(critics.versions().allocate(trees.runId()), spec).version();
      }
      print(v, (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }

  /** The searched episodes' trees: their keys, and what they cost. */
  private record Searched(String runId, String policy, List<String> keys, long interactions) {}

  /** Runs (or reads back) the searched episodes on the train split's sample. */
  private Searched search(SearchConfig config) {
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack stack =
            AgentqStack.startWorkers(
                rt, temporal, store.s3, "http", Math.max(2, threads), AgentqStack.ALL_QUEUES)) {
      String p = SearchOptions.policyName(policy, stack::artifacts);
      String run = runId != null ? runId : "critic-trees-" + p;
      List<Goal> train = rt.data().sample(TaskSplit.TRAIN);
      if (tasks > train.size()) {
        throw new InputException(
            "--tasks " + tasks + ": the train split has " + train.size() + " tasks");
      }
      // The critic named here ranks, but at alpha = 1 its ranking moves nothing.
      EvaluationRequest request =
          EvaluationRequest.searched(run, p, "base-ranking", config, "train", tasks, threads)
              .countingFailures();
      for (Goal g : train.subList(0, tasks)) {
        stack.refuseReused(request.episode(g.index()));
      }
      List<String> keys = new ArrayList<>();
      long interactions = 0;
      int successes = 0;
      for (EvaluationResult r :
          Evaluation.slices(stack, request, new Progress(System.err, tasks, "trees"))) {
        successes += r.summary().successes();
        for (int i = 0; i < r.tasks().size(); i++) {
          int task = r.tasks().get(i);
          var failure = r.failure(task);
          if (failure.isPresent()) {
            System.err.printf("%nepisode on task %d failed: %s%n", task, failure.get());
            continue;
          }
          Evaluation.archiveHistory(stack, r.episodes().get(i).episodeId());
          keys.add(r.trees().get(i));
          interactions += r.episodes().get(i).interactions();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "trees: %d searched episodes on %d train tasks (run %s, policy %s, alpha = 1:"
              + " no critic), success %s;%n  tasks: %s;%n  budget: %s;%n  %,d environment"
              + " interactions (sandbox steps, rollout steps, live commits)%n",
          keys.size(),
          tasks,
          run,
          p,
          SuccessRate.of(successes, tasks),
          SampledTasks.describe(tasks, train.size()),
          config.budget(),
          interactions);
      if (keys.size() < tasks) {
        System.out.printf(
            "%d episodes failed and are left out; run again with --run-id %s to retry them%n",
            tasks - keys.size(), run);
      }
      return new Searched(run, p, keys, interactions);
    }
  }

  private static void print(CriticVersion v, double seconds) {
    EpochMetrics last = v.metrics().get(v.metrics().size() - 1);
    System.out.printf(
        Locale.ROOT,
        "examples: %d for training, %d held back; nodes left out: %s%n"
            + "critic %s: %s, %s; last epoch loss %.4f top-1 accuracy %.3f%n",
        v.examples(),
        v.heldBack(),
        v.skipped(),
        v.version(),
        v.architecture(),
        v.training().describe(),
        last.loss(),
        last.accuracy());
    if (v.validation() != null) {
      System.out.printf(
          Locale.ROOT,
          "held back: loss %.4f top-1 accuracy %.3f (the proposer's likelihood ranking %.3f,"
              + " chance %.3f)%n",
          v.validation().loss(),
          v.validation().accuracy(),
          v.likelihoodAccuracy(),
          v.chanceAccuracy());
    }
    System.out.printf(
        Locale.ROOT,
        "stored as %s; search with it: --critic critic:%s; %.1f s%n",
        CriticStore.CRITICS.folder() + "/" + v.version(),
        v.version(),
        seconds);
  }
}
