package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workflows.cycle.CycleRequest;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a daily cycle, shared by `cycle start` and the schedules that start cycles. */
public final class CycleOptions {
  @Option(
      names = "--policy",
      defaultValue = "promoted",
      description = "The version the cycle starts from (default: the promoted one when it starts).")
  String policy;

  @Option(
      names = "--budget",
      defaultValue = "4000",
      description = "Environment interactions of collection (searched train episodes).")
  int budget;

  @Option(
      names = "--episodes-per-run",
      defaultValue = "200",
      description =
          "Collection continues as new after this many episodes (a large cycle's history stays"
              + " small).")
  int episodesPerRun;

  @Option(
      names = "--window",
      defaultValue = "2",
      description = "Searched episodes running at once.")
  int window;

  @Option(names = "--iterations", defaultValue = "10", description = "MCTS iterations per step.")
  int iterations;

  @Option(names = "--k", defaultValue = "4", description = "Proposals per expansion.")
  int k;

  @Option(
      names = "--alpha",
      defaultValue = "0.75",
      description = "Weight of the returns in Q_mix (chosen on dev, BENCHMARKS.md).")
  double alpha;

  @Option(names = "--theta", defaultValue = "0.1", description = "Pair threshold on Q_mix.")
  double theta;

  @Option(
      names = "--critic",
      description =
          "The search's critic (default: base-ranking:vB, the frozen ranking of the lineage's"
              + " first version).")
  String critic;

  @Option(
      names = "--value",
      defaultValue = "site",
      description =
          "What the searches back up: site (the site's reward of a terminal sandbox page) or"
              + " judge:jN (a stored outcome judge's verdict; the site's reward is never read).")
  String value;

  @Option(names = "--visits", defaultValue = "2", description = "Visits rule of purchase pairs.")
  int visits;

  @Option(names = "--epochs", defaultValue = "8", description = "Training epochs.")
  int epochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate.")
  double learningRate;

  @Option(names = "--beta", defaultValue = "0.1", description = "DPO's beta.")
  double beta;

  @Option(
      names = "--path-nll",
      defaultValue = "1",
      description = "Weight of -log pi on committed successful paths.")
  double pathNll;

  @Option(names = "--dev-tasks", defaultValue = "100", description = "Dev tasks of promotion.")
  int devTasks;

  @Option(
      names = "--heldout-tasks",
      defaultValue = "200",
      description = "Held-out tasks of the report without search.")
  int heldoutTasks;

  @Option(
      names = "--heldout-search-tasks",
      defaultValue = "50",
      description = "Held-out tasks of the report with search (0: none).")
  int heldoutSearchTasks;

  @Option(
      names = "--margin",
      defaultValue = "0",
      description = "Promote when dev success is at least the parent's minus this.")
  double margin;

  /**
   * The cycle's request as a template: the cycle resolves "promoted", the critic, the hidden sizes
   * and the temperature when it starts ({@code id} null: from the workflow id, as a schedule's).
   */
  CycleRequest template(String id, ShopOptions shop) {
    if (budget < 1
        || window < 1
        || episodesPerRun < 1
        || visits < 1
        || epochs < 1
        || devTasks < 1
        || heldoutTasks < 1
        || heldoutSearchTasks < 0
        || !(learningRate > 0)
        || !(beta > 0)
        || pathNll < 0) {
      throw new InputException(
          "--budget, --window, --episodes-per-run, --visits, --epochs, --dev-tasks and"
              + " --heldout-tasks must be at least 1, --heldout-search-tasks and --path-nll at least 0, --lr and --beta"
              + " positive");
    }
    SearchConfig search;
    try {
      search =
          new SearchConfig(
              iterations,
              k,
              shop.maxSteps,
              1.0,
              alpha,
              theta,
              iterations,
              SearchConfig.RolloutValue.SUCCESS,
              shop.seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage().replace("search config: ", "cycle options: "));
    }
    TrainingConfig training =
        TrainingConfig.search()
            .withEpochs(epochs)
            .withLearningRate(learningRate)
            .withBeta(beta)
            .withImitationWeight(pathNll)
            .withSeed(shop.seed);
    return CycleRequest.daily(
            id,
            shop.env,
            policy.equals(CycleRequest.PROMOTED) ? policy : PolicyStore.normalise(policy),
            critic,
            budget,
            window,
            search,
            visits,
            training,
            List.of(),
            -1,
            devTasks,
            heldoutTasks,
            heldoutSearchTasks,
            shop.maxSteps,
            shop.seed,
            margin)
        .withEpisodesPerRun(episodesPerRun)
        .valuedBy(SearchOptions.judgeName(value));
  }
}
