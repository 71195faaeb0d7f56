package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.core.TaskSampler;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.DataSet;
import io.agentq.core.training.TrainingConfig;
import io.agentq.core.training.VisitedPairs;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.CriticTraining;
import io.agentq.infra.training.CriticVersion;
import io.agentq.infra.training.PolicyFeatures;
import io.agentq.infra.training.RuledPairs;
import io.agentq.workers.evaluation.LadderReport;
import io.agentq.workers.evaluation.LadderRow;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.BookingTasks;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.ShopTasks;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.CycleRequest;
import io.agentq.workflows.evaluation.EvaluationRequest;
import io.agentq.workflows.evaluation.EvaluationResult;
import io.agentq.workflows.training.DataCollected;
import io.agentq.workflows.training.DataRequest;
import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The paper's ladder on the built-in shop, from one base and one interaction budget per method, all
 * rows on the same held-out sample: zero-shot; behaviour cloning on the decision row (the base) and
 * on the legacy row; RFT and outcome DPO on the base's own episodes; Agent Q's rounds learning from
 * their searched trees by DPO on node pairs, by distillation of the search (soft targets), by both,
 * and from sandbox-check labels of the policy's own episodes; Agent Q on the legacy row; each with
 * and without search at inference time; and the ablations of alpha, K and theta. Durable: every
 * step's result is kept in the store under the ladder's id and read back when the ladder is started
 * again, so a ladder can run in pieces.
 */
@Command(
    name = "ladder",
    description =
        "Zero-shot, BC (decision and legacy rows), RFT, outcome DPO, Agent Q by DPO, by"
            + " distillation, by both and by sandbox-check labels, each with and without search,"
            + " on the same held-out tasks; ablations; a table and a plot. With --env booking:"
            + " zero-shot, BC, RFT, outcome DPO and Agent Q by DPO, in Chromium. Started again with"
            + " the same --id, it goes on where it stopped.")
public final class LadderCommand implements Callable<Integer> {
  @Mixin ShopOptions shop;

  @Option(
      names = "--id",
      required = true,
      description = "The ladder's id; run again with it to resume.")
  String id;

  @Option(
      names = "--heldout",
      defaultValue = "500",
      description =
          "Held-out tasks every row is evaluated on: a seeded sample of N, stratified by product"
              + " category (sample seed 1; the whole split when N is larger).")
  int heldout;

  @Option(
      names = "--rows-on",
      defaultValue = "heldout",
      description =
          "Where the rows are measured: heldout (the reported numbers) or dev (to choose settings:"
              + " the same ladder's training is reused, its rows kept apart).")
  String rowsOn;

  @Option(
      names = "--demos",
      defaultValue = "200",
      description = "Expert demonstrations of the base (BC).")
  int demos;

  @Option(
      names = "--budget",
      defaultValue = "20000",
      description = "Environment interactions each method may spend collecting its training data.")
  int budget;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Agent Q rounds of every variant (the budget is split among them).")
  int rounds;

  @Option(
      names = "--samples-per-task",
      defaultValue = "4",
      description = "RFT / outcome DPO: the base's episodes per train task.")
  int samplesPerTask;

  @Option(
      names = "--sample-temperature",
      description =
          "RFT / outcome DPO: the temperature the base samples its own episodes at (default: the"
              + " base's, --temperature).")
  Double sampleTemperature;

  @Option(
      names = "--bc-epochs",
      defaultValue = "20",
      description = "Epochs of behaviour cloning, RFT and the checked-label rounds.")
  int bcEpochs;

  @Option(
      names = "--dpo-epochs",
      defaultValue = "8",
      description = "Epochs of outcome DPO and the searched Agent Q rounds.")
  int dpoEpochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (imitation).")
  double learningRate;

  @Option(
      names = "--dpo-lr",
      defaultValue = "1e-3",
      description = "Adam's learning rate of the searched rounds (DPO, distillation).")
  double dpoLearningRate;

  @Option(names = "--beta", defaultValue = "0.1", description = "DPO's beta.")
  double beta;

  @Option(
      names = "--nll",
      defaultValue = "0",
      description = "DPO rounds: weight of an NLL term on the preferred side (0: plain DPO).")
  double nll;

  @Option(
      names = "--soft-weight",
      defaultValue = "1",
      description =
          "Distillation: weight of the cross-entropy to the searched nodes' soft targets.")
  double softWeight;

  @Option(
      names = "--path-nll",
      defaultValue = "1",
      description =
          "Distillation rounds: weight of -log pi on the committed path of successful searched"
              + " episodes (0: none).")
  double pathNll;

  @Option(
      names = "--visits",
      defaultValue = "2",
      description =
          "Node pairs at a purchase are kept only when both children were visited this often;"
              + " every pair weighs its less visited side's visits.")
  int visits;

  @Option(
      names = "--check-results",
      defaultValue = "10",
      description =
          "Checked labels: the most results of a results page checked by sandbox purchase, in the"
              + " policy's order, until one fulfils the instruction (10: the whole page, so that a"
              + " page with nothing that fulfils it is labelled 'next page').")
  int checkResults;

  @Option(
      names = "--hidden",
      defaultValue = "128",
      split = ",",
      description = "Hidden layer sizes (128: chosen on dev, BENCHMARKS.md).")
  List<Integer> hidden;

  @Option(
      names = "--outcome-dpo-lr",
      description = "Outcome DPO's learning rate, when not --dpo-lr's.")
  Double outcomeLearningRate;

  @Option(names = "--outcome-dpo-beta", description = "Outcome DPO's beta, when not --beta's.")
  Double outcomeBeta;

  @Option(names = "--outcome-dpo-nll", description = "Outcome DPO's NLL weight, when not --nll's.")
  Double outcomeNll;

  @Option(
      names = "--temperature",
      defaultValue = "0.3",
      description = "Sampling temperature of the trained policies.")
  double temperature;

  @Option(
      names = "--iterations",
      defaultValue = "10",
      description = "MCTS iterations per real step.")
  int iterations;

  @Option(names = "--k", defaultValue = "4", description = "K: proposals at a new node.")
  int k;

  @Option(
      names = "--alpha",
      defaultValue = "0.5",
      description = "Weight of the MCTS value against the critic's.")
  double alpha;

  @Option(
      names = "--theta",
      defaultValue = "0.1",
      description = "Least Q_mix gap of a preference pair.")
  double theta;

  @Option(
      names = "--critic",
      defaultValue = "base",
      description =
          "The critic of every search: base (the frozen base of the row's lineage ranks the"
              + " proposals by its likelihood, as the paper's frozen base model does; no"
              + " interactions), zero-shot (the zero-shot policy's ranking), learned (a listwise"
              + " critic trained on alpha = 1 trees of the base collected inside --critic-budget,"
              + " counted in every row that uses it) or critic:cN (a stored critic, trained"
              + " outside the ladder; its interactions are printed beside every row).")
  String critic;

  @Option(
      names = "--value",
      defaultValue = "site",
      description =
          "What every search of the ladder backs up (Agent Q's training searches and the searched"
              + " rows): site (the site's reward of a terminal sandbox page) or judge:jN (a stored"
              + " outcome judge's verdict; the site's reward is never read by the search).")
  String value;

  /** The judge the searches back up (null: the site's reward in a sandbox). */
  String judge;

  @Option(
      names = "--critic-budget",
      defaultValue = "10000",
      description = "--critic learned: environment interactions of the critic's trees.")
  int criticBudget;

  @Option(
      names = "--dev-tasks",
      defaultValue = "100",
      description =
          "Dev tasks each round is evaluated on (promotion): a seeded sample of N, stratified by"
              + " product category.")
  int devTasks;

  @Option(names = "--threads", defaultValue = "2", description = "Episodes run in parallel.")
  int threads;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "Runs of every row without search on the same tasks (seeds --seed, --seed+1, ...); with"
              + " 2 or more, a pass^k table (tau-bench) for k = 1..N.")
  int runs;

  @Option(
      names = "--search-tasks",
      description =
          "Tasks of the searched rows: the first N of the held-out sample, itself a stratified"
              + " sample (default: all of it; a searched booking episode takes minutes).")
  Integer searchTasks;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: embedded).")
  String temporal;

  @Option(names = "--s3", description = "URL of an S3 server (default: the embedded store).")
  String s3;

  JsonArtifacts artifacts;
  AgentqStack stack;
  List<Integer> held;
  String split;

  /** The site of the ladder: null for the shop (as its ladders were before there were two). */
  String env;

  /** Every run of each row without search, by row name, when --runs is 2 or more. */
  final Map<String, List<LadderRow>> runsByRow = new LinkedHashMap<>();

  /**
   * Where a row's summary is kept: by split and sample size (its episodes are kept by split and
   * task, so a larger sample reuses a smaller one's).
   */
  private String rowsPrefix() {
    return "rows/" + split + "-" + held.size() + "/";
  }

  /** The held-out tasks of the searched rows: all of them, or the first --search-tasks. */
  private int searchedTasks() {
    return searchTasks == null ? held.size() : Math.min(searchTasks, held.size());
  }

  /** Where a searched row's summary is kept: apart when it runs on fewer tasks than the rest. */
  private String searchedRowsPrefix() {
    return searchedTasks() == held.size()
        ? rowsPrefix()
        : "rows/" + split + "-" + held.size() + "-searched-" + searchedTasks() + "/";
  }

  String key(String rest) {
    return StoreKeys.ladder(id, rest);
  }

  /** The searched variants of Agent Q: what a round learns from its trees. */
  enum Variant {
    DPO("dpo", "Agent Q (DPO)", true, false),
    DISTILL("distill", "Agent Q (distill)", false, true),
    BOTH("both", "Agent Q (DPO + distill)", true, true),
    OLD_ROW("old", "Agent Q (DPO + distill), legacy row", true, true);

    final String tag;
    final String label;
    final boolean pairs;
    final boolean soft;

    Variant(String tag, String label, boolean pairs, boolean soft) {
      this.tag = tag;
      this.label = label;
      this.pairs = pairs;
      this.soft = soft;
    }
  }

  /** The label of the checked-label variant's rows. */
  static final String LABELS = "Agent Q (checked labels)";

  @Override
  public Integer call() throws Exception {
    shop.check(true);
    if (heldout < 1
        || demos < 1
        || budget < 1
        || rounds < 1
        || samplesPerTask < 2
        || nll < 0
        || !(softWeight > 0)
        || pathNll < 0
        || (sampleTemperature != null && !(sampleTemperature >= 0))
        || visits < 1
        || checkResults < 0
        || criticBudget < 1
        || (outcomeNll != null && outcomeNll < 0)
        || (outcomeLearningRate != null && !(outcomeLearningRate > 0))
        || (outcomeBeta != null && !(outcomeBeta > 0))
        || devTasks < 1
        || runs < 1
        || (searchTasks != null && searchTasks < 1)) {
      throw new InputException(
          "--heldout, --demos, --budget, --rounds, --visits, --critic-budget, --dev-tasks, --runs"
              + " and --search-tasks must be at least 1, --samples-per-task at least 2 (outcome DPO pairs two episodes of a"
              + " task), --soft-weight positive, --nll, --path-nll, --check-results and"
              + " --outcome-dpo-nll at least 0, --outcome-dpo-lr and --outcome-dpo-beta positive");
    }
    if (!rowsOn.equals("heldout") && !rowsOn.equals("dev")) {
      throw new InputException("--rows-on '" + rowsOn + "': use heldout or dev");
    }
    split = rowsOn;
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new InputException("--id '" + id + "': use letters, digits, '.', '_' or '-'");
    }
    if (!(critic.equals("base")
        || critic.equals("zero-shot")
        || critic.equals("learned")
        || critic.matches("critic:c?[0-9]+"))) {
      throw new InputException(
          "--critic '" + critic + "': use base, zero-shot, learned or critic:cN");
    }
    SearchConfig search = searchConfig(alpha, k, theta);
    judge = SearchOptions.judgeName(value);
    if (shop.booking()) {
      if (!critic.equals("base")) {
        throw new InputException(
            "--env booking --critic "
                + critic
                + ": the booking ladder's searches use base (the"
                + " frozen base's ranking); learned and stored critics read the shop's pages");
      }
      env = BookingRuntime.ENVIRONMENT;
      // The booking site draws its controls with JavaScript: every episode runs in Chromium. The
      // shop runs beside it (the stack's stored policies read its catalog).
      try (ShopRuntime rt = ShopRuntime.connect(shop.data(), null);
          BookingRuntime site = BookingRuntime.connect(shop.site);
          AgentqStack started =
              AgentqStack.startWorkers(
                  rt,
                  List.of(site),
                  temporal,
                  s3,
                  "playwright",
                  Math.max(2, threads),
                  AgentqStack.ALL_QUEUES)) {
        stack = started;
        artifacts = stack.artifacts();
        checkSameLadder();
        SampledTasks sample =
            SampledTasks.of(site.tasks(null), split, heldout, BookingTasks.STRATA);
        held = sample.taskIds();
        return new BookingLadder(this, sample).run(search);
      }
    }
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack started =
            AgentqStack.startWorkers(
                rt, temporal, s3, "http", Math.max(2, threads), AgentqStack.ALL_QUEUES);
        DriverFactory drivers = new DriverFactory("http")) {
      stack = started;
      artifacts = stack.artifacts();
      checkSameLadder();
      ShopTasks site = new ShopTasks(rt, drivers);
      held = site.tasks(split, heldout);
      if (held.size() < heldout) {
        say("note: the shop has %d %s tasks; evaluating on all of them", held.size(), split);
      }
      String heldOut =
          (split.equals("dev") ? "DEV tasks (choosing settings, not a result): " : "")
              + SampledTasks.describe(held.size(), rt.data().goals(TaskSplit.parse(split)).size());
      say("%s tasks: %s", split, heldOut);
      List<LadderRow> table = new ArrayList<>();

      // 1. The bases: behaviour cloning on expert demonstrations, on the decision row and on the
      // legacy row (the feature-row ablation), from the same demonstrations.
      long t0 = System.nanoTime();
      DataCollected demo =
          stack.collect(
              TrainBaseCommand.demonstrations(
                  id + "-demos", demos, shop.maxSteps + 8, threads, null),
              new Progress(System.err, demos, "demonstrations"));
      List<String> demoKeys = demo.successKeys();
      say(
          "demonstrations: %d of %d attempted succeeded (%d expert env steps, counted apart)",
          demoKeys.size(), demo.episodes().size(), demo.interactions());
      DataSet demonstrations = listed("demos", DataKind.SUCCESSES, demoKeys);
      TrainingConfig bc =
          TrainingConfig.imitation()
              .withEpochs(bcEpochs)
              .withLearningRate(learningRate)
              .withSeed(shop.seed);
      RoundResult base =
          runRound(
              "base",
              "bc",
              "BC on " + demoKeys.size() + " expert demonstrations (decision row)",
              null,
              bc,
              List.of(demonstrations),
              null);
      double baseSeconds = stepSeconds("base", t0);
      t0 = System.nanoTime();
      RoundResult baseOld =
          runRound(
              "base-old",
              "bc",
              "BC on " + demoKeys.size() + " expert demonstrations (legacy row)",
              null,
              bc,
              List.of(demonstrations),
              PolicyFeatures.LEGACY);
      double baseOldSeconds = stepSeconds("base-old", t0);
      String vb = base.version();
      String vbOld = baseOld.version();
      say(
          "base: %s (dev %d/%d); legacy-row BC: %s (dev %d/%d)",
          vb,
          base.dev().successes(),
          base.dev().tasks(),
          vbOld,
          baseOld.dev().successes(),
          baseOld.dev().tasks());

      // The critic of every search: by default each lineage's frozen base ranks the proposals.
      Critic criticNew = critic(vb);
      Critic criticOld = critic.equals("base") ? Critic.base(vbOld) : criticNew;
      say("critic: %s", criticNew.describe());

      // 2. RFT and outcome DPO: the base's own episodes on train tasks, one budget for both.
      t0 = System.nanoTime();
      DataCollected samples = stack.collect(samples(vb), Progress.silent());
      say(
          "base samples: %d episodes on %d train tasks, %d successes, %d env steps (%d read back)",
          samples.keys().size(),
          samples.tasks(),
          samples.successes(),
          samples.interactions(),
          samples.readBack());
      double sampleSeconds = stepSeconds("samples", t0);
      t0 = System.nanoTime();
      RoundResult rft =
          runRound(
              "rft",
              "rft",
              "RFT on the base's successful episodes",
              vb,
              bc,
              List.of(listed("samples", DataKind.SUCCESSES, samples.keys())),
              null);
      double rftSeconds = sampleSeconds + stepSeconds("rft", t0);
      t0 = System.nanoTime();
      RoundResult odpo =
          runRound(
              "odpo",
              "outcome-dpo",
              "outcome DPO: a success against a failure on one task",
              vb,
              outcomeDpo(),
              List.of(listed("samples", DataKind.OUTCOME_PAIRS, samples.keys())),
              null);
      double odpoSeconds = sampleSeconds + stepSeconds("odpo", t0);
      say("rft: %s, outcome dpo: %s", rft.version(), odpo.version());

      // 3. Agent Q, searched: each round of each variant is a daily cycle of the variant's own
      // lineage (critic-guided MCTS on train tasks no earlier round of the lineage used, pairs,
      // training with a replay buffer of all its rounds' data, the dev decision); pi_ref (the
      // stored behaviour log-likelihoods) and the soft targets' prior follow the policy that
      // searched. Round 1 of the decision-row variants searches with the same base, so its
      // episodes are named once and shared (each variant's budget counts them).
      Map<Variant, Lineage> lineages = new LinkedHashMap<>();
      for (Variant v : Variant.values()) {
        lineages.put(v, new Lineage(v == Variant.OLD_ROW ? vbOld : vb));
      }
      for (int i = 1; i <= rounds; i++) {
        for (Variant v : Variant.values()) {
          Lineage l = lineages.get(v);
          Critic c = v == Variant.OLD_ROW ? criticOld : criticNew;
          long r0 = System.nanoTime();
          // Cumulative targets: an overshoot of one round's last batch is taken from the next.
          int roundBudget = (int) ((long) budget * i / rounds) - l.spent;
          String episodes = i == 1 && v != Variant.OLD_ROW ? id + "-aq1" : id + "-aq-" + v.tag + i;
          CycleRecord cycle =
              runCycle(
                  new CycleRequest(
                          cycleId(v, i),
                          shop.env,
                          l.policy,
                          c.name(),
                          roundBudget,
                          threads,
                          search,
                          visits,
                          v.soft ? distillation() : dpo(),
                          hidden,
                          temperature,
                          devTasks,
                          0,
                          0,
                          shop.maxSteps,
                          shop.seed,
                          0,
                          id + "-" + v.tag,
                          episodes,
                          threads,
                          v.pairs,
                          0)
                      .valuedBy(judge));
          CycleRecord.Collected s = cycle.collected();
          l.spent += s.interactions();
          l.trees.addAll(List.of(artifacts.get(s.treesKey(), String[].class).orElseThrow()));
          say(
              "%s round %d (cycle %s): %d searched train episodes with %s, %d env steps (%d in"
                  + " all)",
              v.label,
              i,
              cycle.request().cycleId(),
              s.episodes(),
              l.policy,
              s.interactions(),
              l.spent);
          l.finish(cycle.round(), stepSeconds("aq-" + v.tag + i, r0));
        }
      }

      // 4. Agent Q with cheaper labels: the policy's own episodes on train tasks, their item and
      // results pages labelled by sandbox purchases (every check charged), imitated together with
      // the demonstrations (DAgger with a shallow expert).
      Lineage labels = new Lineage(vb);
      List<String> checkedKeys = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        long r0 = System.nanoTime();
        int roundBudget = (int) ((long) budget * i / rounds) - labels.spent;
        DataCollected c =
            stack.collect(
                new DataRequest(
                    DataRequest.Source.CHECKED,
                    key("checked/r" + i),
                    labels.policy,
                    -1,
                    labels.cursor,
                    1,
                    roundBudget,
                    0,
                    threads,
                    threads,
                    shop.maxSteps,
                    shop.seed,
                    checkResults,
                    null),
                Progress.silent());
        labels.cursor = c.nextTask();
        labels.spent += c.interactions();
        checkedKeys.addAll(c.keys());
        say(
            "%s round %d: %d episodes of %s (%d successes), %d labels from %d checked products,"
                + " %d env steps (%d in all; %d read back)",
            LABELS,
            i,
            c.tasks(),
            labels.policy,
            c.successes(),
            c.labels(),
            c.checks(),
            c.interactions(),
            labels.spent,
            c.readBack());
        RoundResult r =
            runRound(
                "aq-labels" + i,
                "agentq-labels-round-" + i,
                LABELS
                    + " round "
                    + i
                    + ": the labels of "
                    + checkedKeys.size()
                    + " checked episodes with the demonstrations",
                labels.policy,
                bc,
                List.of(listed("aq-labels" + i, DataKind.LABELS, checkedKeys), demonstrations),
                null);
        labels.finish(r, stepSeconds("aq-labels" + i, r0));
      }

      // 5. Held-out, no search: every policy of the ladder on the same tasks.
      table.add(noSearch("zero-shot", "zero-shot", 0, Critic.NONE, 0));
      table.add(noSearch("BC, legacy row", vbOld, 0, Critic.NONE, baseOldSeconds));
      table.add(noSearch("base (BC)", vb, 0, Critic.NONE, baseSeconds));
      table.add(noSearch("RFT", rft.version(), samples.interactions(), Critic.NONE, rftSeconds));
      table.add(
          noSearch(
              "outcome DPO", odpo.version(), samples.interactions(), Critic.NONE, odpoSeconds));
      for (Variant v : Variant.values()) {
        Lineage l = lineages.get(v);
        Critic c = v == Variant.OLD_ROW ? criticOld : criticNew;
        for (int i = 1; i <= rounds; i++) {
          table.add(
              noSearch(
                  v.label + " round " + i,
                  l.versions.get(i - 1),
                  l.budgets.get(i - 1),
                  c,
                  l.seconds(i)));
        }
      }
      for (int i = 1; i <= rounds; i++) {
        table.add(
            noSearch(
                LABELS + " round " + i,
                labels.versions.get(i - 1),
                labels.budgets.get(i - 1),
                Critic.NONE,
                labels.seconds(i)));
      }

      // 6. Held-out with search at inference time.
      table.add(searched("BC, legacy row + MCTS", vbOld, search, criticOld, 0, baseOldSeconds));
      table.add(searched("base + MCTS", vb, search, criticNew, 0, baseSeconds));
      for (Variant v : List.of(Variant.DPO, Variant.DISTILL, Variant.BOTH)) {
        Lineage l = lineages.get(v);
        table.add(
            searched(v.label + " + MCTS", l.policy, search, criticNew, l.spent, l.seconds(rounds)));
      }
      table.add(
          searched(
              LABELS + " + MCTS",
              labels.policy,
              search,
              criticNew,
              labels.spent,
              labels.seconds(rounds)));

      // 7. Ablations in the same format: alpha in {0, 0.5, 1} with the base (K = 4; alpha 0.5 is
      // base + MCTS above); K in {2, 8} with the base at the ladder's alpha; theta in {0, 0.3}:
      // Agent Q (DPO)'s first round again, its pairs extracted from the same trees with another
      // threshold.
      List<LadderRow> ablations = new ArrayList<>();
      ablations.add(
          searched(
              "MCTS alpha=0 (critic only)",
              vb,
              searchConfig(0.0, k, theta),
              criticNew,
              0,
              baseSeconds));
      ablations.add(find(table, "base + MCTS"));
      ablations.add(
          searched(
              "MCTS alpha=1 (no critic)",
              vb,
              searchConfig(1.0, k, theta),
              Critic.NONE,
              0,
              baseSeconds));
      for (int kk : List.of(2, 8)) {
        if (kk != k) {
          ablations.add(
              searched(
                  "base + MCTS, K=" + kk,
                  vb,
                  searchConfig(alpha, kk, theta),
                  criticNew,
                  0,
                  baseSeconds));
        }
      }
      Lineage dpoLine = lineages.get(Variant.DPO);
      ablations.add(find(table, Variant.DPO.label + " round 1"));
      List<String> firstTrees = dpoLine.trees.subList(0, dpoLine.treesAfter.get(0));
      for (double th : List.of(0.0, 0.3)) {
        if (th == theta) {
          continue;
        }
        String tag = String.format(Locale.ROOT, "theta-%.2f", th).replace('.', '_');
        long r0 = System.nanoTime();
        RoundResult r =
            runRound(
                "aq-dpo1-" + tag,
                "agentq-dpo-round-1-" + tag,
                Variant.DPO.label + " round 1 with theta=" + th + " (pairs from the round's trees)",
                vb,
                dpo(),
                List.of(
                    listed("aq-dpo1-" + tag, DataKind.NODE_PAIRS, ruledPairs(firstTrees, th, tag))),
                null);
        ablations.add(
            noSearch(
                Variant.DPO.label + " round 1, theta=" + th,
                r.version(),
                dpoLine.budgets.get(0),
                criticNew,
                dpoLine.seconds(1) + stepSeconds("aq-dpo1-" + tag, r0)));
      }

      LadderReport report =
          new LadderReport(
                  id,
                  table,
                  ablations,
                  budget,
                  heldOut,
                  criticNew.describe(),
                  task -> rt.data().categoryName(rt.data().goal(task)))
              .withRuns(runsByRow)
              .withBackedUp(backedUp());
      report.write(
          artifacts,
          ShopRuntime.home().resolve("ladders").resolve(id),
          split.equals("heldout") ? "ladder" : "ladder-dev");
      System.out.print(report.markdown());
      say("table and plot: %s", ShopRuntime.home().resolve("ladders").resolve(id));
      return 0;
    }
  }

  /** One lineage of policies: where its rounds are, what they cost and made. */
  static final class Lineage {
    String policy;
    int cursor;
    int spent;
    final List<String> trees = new ArrayList<>();
    final List<Integer> treesAfter = new ArrayList<>();
    final List<String> versions = new ArrayList<>();
    final List<Integer> budgets = new ArrayList<>();
    final List<Double> seconds = new ArrayList<>();

    Lineage(String base) {
      this.policy = base;
    }

    void finish(RoundResult r, double wall) {
      versions.add(r.version());
      budgets.add(spent);
      seconds.add(wall);
      treesAfter.add(trees.size());
      policy = r.version();
    }

    /** The wall time of the first {@code rounds} rounds. */
    double seconds(int rounds) {
      return seconds.subList(0, rounds).stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * A critic as the rows use it: its name for the searches, what it cost and how to say it.
   *
   * @param interactions environment interactions spent on it inside the ladder (counted in the rows
   *     that use it)
   * @param outside interactions spent on it outside the ladder (printed beside the rows), or 0
   */
  record Critic(String name, String what, int interactions, long outside) {
    static final Critic NONE = new Critic("base-ranking", "-", 0, 0);

    static Critic base(String version) {
      return new Critic(
          "base-ranking:" + version, "frozen base " + version + "'s ranking, 0 interactions", 0, 0);
    }

    String describe() {
      return what;
    }
  }

  /** The ladder's critic for the decision-row lineage, trained here when it is "learned". */
  private Critic critic(String base) {
    switch (critic) {
      case "base" -> {
        return Critic.base(base);
      }
      case "zero-shot" -> {
        return new Critic("base-ranking", "zero-shot ranking, 0 interactions", 0, 0);
      }
      case "learned" -> {
        // alpha = 1: the trees are the critic's data, so no critic may steer them
        Searched trees =
            search("critic", base, Critic.NONE, searchConfig(1.0, k, theta), criticBudget);
        CriticTraining training =
            new CriticTraining(artifacts, AgentqStack.critics(artifacts, stack.policies()));
        CriticTraining.Spec spec =
            new CriticTraining.Spec(
                id + "-critic",
                base,
                searchConfig(1.0, k, theta).budget(),
                trees.episodes(),
                trees.interactions(),
                trees.treeKeys(),
                List.of(64),
                TrainingConfig.imitation().withEpochs(30).withSeed(shop.seed),
                0.1,
                0);
        CriticVersion v =
            training
                .trainedBefore(spec)
                .orElseGet(
                    () ->
                        training
                            .train(
                                AgentqStack.critics(artifacts, stack.policies())
                                    .versions()
                                    .allocate(id + "-critic"),
                                spec)
                            .version());
        return new Critic(
            "critic:" + v.version(),
            String.format(
                Locale.ROOT,
                "learned critic:%s, trained in this ladder on %d alpha=1 trees of %s (%,d"
                    + " interactions, counted in every row that uses it)",
                v.version(),
                trees.episodes(),
                base,
                trees.interactions()),
            trees.interactions(),
            0);
      }
      default -> {
        String v = critic.substring("critic:".length());
        CriticVersion m =
            AgentqStack.critics(artifacts, stack.policies())
                .manifest(v)
                .orElseThrow(
                    () ->
                        new InputException("--critic " + critic + ": no such critic in the store"));
        return new Critic(
            "critic:" + m.version(),
            String.format(
                Locale.ROOT,
                "critic:%s, trained OUTSIDE this ladder on %,d interactions (not in the budget"
                    + " column)",
                m.version(),
                m.interactions()),
            0,
            m.interactions());
      }
    }
  }

  RoundResult runRound(
      String name,
      String method,
      String description,
      String parent,
      TrainingConfig config,
      List<DataSet> data,
      String layout) {
    return stack.runRound(
        new RoundRequest(
            id + "-" + name,
            method,
            description,
            parent,
            parent,
            hidden,
            temperature,
            config,
            data,
            samplesPerTask,
            new RoundRequest.DevEvaluation(devTasks, shop.maxSteps, shop.seed, env),
            0,
            layout,
            null));
  }

  /**
   * A round's data set with its keys stored once as a list under the ladder ({@code
   * ladders/L/data/ROUND-KIND.json}), so that the round workflow's input carries one key whatever
   * the number of files; a list already stored with other keys is refused (the ladder's data may
   * not change under a round id).
   */
  DataSet listed(String round, DataKind kind, List<String> keys) {
    String listKey = key("data/" + round + "-" + kind.name().toLowerCase(Locale.ROOT) + ".json");
    Optional<String[]> before = artifacts.get(listKey, String[].class);
    if (before.isEmpty()) {
      artifacts.put(listKey, "data-keys", keys);
    } else if (!List.of(before.get()).equals(keys)) {
      throw new IllegalStateException(
          "ladder " + id + ": " + listKey + " holds other data than this run collected");
    }
    return DataSet.listed(kind, listKey);
  }

  /** The wall time of one step of the ladder, kept in the store by the run that finished it. */
  record StepTime(double seconds) {}

  /**
   * The seconds since {@code t0} of the step just finished, stored under the ladder's id; a step
   * read back by a resumed ladder keeps the time stored when it finished (a step resumed after a
   * kill counts only the part that ran after the restart).
   */
  double stepSeconds(String step, long t0) {
    String timeKey = key("times/" + step + ".json");
    Optional<StepTime> stored = artifacts.get(timeKey, StepTime.class);
    if (stored.isPresent()) {
      return stored.get().seconds();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    artifacts.put(timeKey, "ladder-step-time", new StepTime(seconds));
    return seconds;
  }

  SearchConfig searchConfig(double a, int kk, double th) {
    try {
      return new SearchConfig(
          iterations,
          kk,
          shop.maxSteps,
          1.0,
          a,
          th,
          iterations,
          SearchConfig.RolloutValue.SUCCESS,
          shop.seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage().replace("search config: ", "ladder options: "));
    }
  }

  /** Outcome DPO's config: Agent Q's, but for what the --outcome-dpo-* options set apart. */
  TrainingConfig outcomeDpo() {
    TrainingConfig c = dpo();
    c = outcomeLearningRate == null ? c : c.withLearningRate(outcomeLearningRate);
    c = outcomeBeta == null ? c : c.withBeta(outcomeBeta);
    return outcomeNll == null ? c : c.withImitationWeight(outcomeNll);
  }

  TrainingConfig dpo() {
    return TrainingConfig.dpo()
        .withEpochs(dpoEpochs)
        .withLearningRate(dpoLearningRate)
        .withBeta(beta)
        .withImitationWeight(nll)
        .withSeed(shop.seed);
  }

  /**
   * A searched round that distils the search: soft targets (and the DPO pairs a variant adds, at
   * weight 1), with -log pi on successful committed paths.
   */
  private TrainingConfig distillation() {
    return TrainingConfig.search()
        .withEpochs(dpoEpochs)
        .withLearningRate(dpoLearningRate)
        .withBeta(beta)
        .withSoftWeight(softWeight)
        .withImitationWeight(pathNll)
        .withSeed(shop.seed);
  }

  /** The options a ladder was started with: a ladder id reused with others is refused. */
  record Started(List<String> args) {}

  /**
   * The base's own episodes on train tasks for RFT and outcome DPO, one budget for both (kept under
   * the ladder's samples/).
   */
  DataRequest samples(String policy) {
    return new DataRequest(
        DataRequest.Source.SAMPLES,
        key("samples"),
        policy,
        sampleTemperature == null ? -1 : sampleTemperature,
        0,
        samplesPerTask,
        budget,
        0,
        threads,
        threads,
        shop.maxSteps,
        shop.seed,
        0,
        env);
  }

  /** Refuses a ladder id reused with other options, and a judge the store does not hold. */
  private void checkSameLadder() {
    if (judge != null) {
      SearchOptions.requireJudge(judge, artifacts);
    }
    List<String> mine =
        new ArrayList<>(
            List.of(
                "ladder=2",
                "demos=" + demos,
                "budget=" + budget,
                "rounds=" + rounds,
                "samples=" + samplesPerTask,
                "bcEpochs=" + bcEpochs,
                "dpoEpochs=" + dpoEpochs,
                "lr=" + learningRate,
                "dpoLr=" + dpoLearningRate,
                "beta=" + beta,
                "nll=" + nll,
                "softWeight=" + softWeight,
                "pathNll=" + pathNll,
                "visits=" + visits,
                "checkResults=" + checkResults,
                "hidden=" + hidden,
                "temperature=" + temperature,
                "iterations=" + iterations,
                "k=" + k,
                "alpha=" + alpha,
                "theta=" + theta,
                "critic=" + critic,
                "criticBudget=" + criticBudget,
                "dev=" + devTasks,
                "seed=" + shop.seed,
                "T=" + shop.maxSteps,
                // Tasks are drawn in the stratified sample's order: a ladder started when they
                // were drawn in file order holds rows on other tasks, so it is not resumed.
                "tasks=stratified-by-category-seed-" + TaskSampler.SAMPLE_SEED));
    if (env != null) {
      mine.add("env=" + env);
    }
    if (judge != null) {
      mine.add("value=" + judge);
    }
    if (sampleTemperature != null) {
      mine.add("sampleTemperature=" + sampleTemperature);
    }
    if (outcomeLearningRate != null) {
      mine.add("outcomeDpoLr=" + outcomeLearningRate);
    }
    if (outcomeBeta != null) {
      mine.add("outcomeDpoBeta=" + outcomeBeta);
    }
    if (outcomeNll != null) {
      mine.add("outcomeDpoNll=" + outcomeNll);
    }
    Optional<Started> before = artifacts.get(key("options.json"), Started.class);
    if (before.isEmpty()) {
      artifacts.put(key("options.json"), "ladder-options", new Started(mine));
    } else if (!before.get().args().equals(mine)) {
      throw new InputException(
          "ladder "
              + id
              + " was started with "
              + String.join(" ", before.get().args())
              + "; this run asks "
              + String.join(" ", mine)
              + ". Use a new --id, or the same options as before.");
    }
  }

  private static LadderRow find(List<LadderRow> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  LadderRow noSearch(
      String row, String policy, int trainingBudget, Critic dataCritic, double trainingSeconds) {
    List<LadderRow> all = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      all.add(noSearch(row, run, policy, trainingBudget, dataCritic, trainingSeconds));
    }
    if (runs > 1) {
      runsByRow.put(row, all);
    }
    return all.get(0);
  }

  /**
   * One run of a row without search: run 0 at --seed (kept where a ladder of one run keeps its
   * rows), run r at --seed + r under its own keys.
   */
  private LadderRow noSearch(
      String row,
      int run,
      String policy,
      int trainingBudget,
      Critic dataCritic,
      double trainingSeconds) {
    String suffix = run == 0 ? "" : "-run" + (run + 1);
    String rowKey = key(rowsPrefix() + slug(row) + suffix + ".json");
    Optional<LadderRow> done = artifacts.get(rowKey, LadderRow.class);
    if (done.isPresent()) {
      say("%s%s: read back", row, run == 0 ? "" : " (run " + (run + 1) + ")");
      return done.get();
    }
    long t0 = System.nanoTime();
    EvaluationResult eval =
        stack.evaluate(
            EvaluationRequest.plain(
                    key(split + "/" + slug(row) + suffix),
                    policy,
                    split,
                    held.size(),
                    shop.maxSteps,
                    shop.seed + run,
                    threads)
                .on(env));
    EvalSummary e = eval.summary();
    LadderRow r =
        new LadderRow(
            row,
            policy,
            "none",
            dataCritic == Critic.NONE ? "-" : dataCritic.name(),
            "-",
            eval.tasks(),
            eval.solved(),
            e.meanScore(),
            e.meanSteps(),
            e.interactions(),
            trainingBudget,
            dataCritic.interactions(),
            trainingSeconds,
            (System.nanoTime() - t0) / 1e9);
    artifacts.put(rowKey, "ladder-row", r);
    say(
        "%s%s: %d/%d",
        row, run == 0 ? "" : " (run " + (run + 1) + ")", r.successes(), r.tasks().size());
    return r;
  }

  LadderRow searched(
      String row,
      String policy,
      SearchConfig config,
      Critic rowCritic,
      int trainingBudget,
      double trainingSeconds)
      throws Exception {
    String rowKey = key(searchedRowsPrefix() + slug(row) + ".json");
    Optional<LadderRow> done = artifacts.get(rowKey, LadderRow.class);
    if (done.isPresent()) {
      say("%s: read back", row);
      return done.get();
    }
    long t0 = System.nanoTime();
    EvaluationResult eval =
        stack.evaluate(
            EvaluationRequest.searched(
                    id + (split.equals("heldout") ? "-ho-" : "-dev-") + slug(row),
                    policy,
                    rowCritic.name(),
                    config,
                    split,
                    searchedTasks(),
                    threads)
                .on(env)
                .valuedBy(judge));
    EvalSummary e = eval.summary();
    boolean criticCounts = config.alpha() < 1;
    LadderRow r =
        new LadderRow(
            row,
            policy,
            config.budget(),
            criticCounts ? rowCritic.name() : "no critic (alpha=1)",
            backedUp(),
            eval.tasks(),
            eval.solved(),
            e.meanScore(),
            e.meanSteps(),
            e.interactions(),
            trainingBudget,
            criticCounts ? rowCritic.interactions() : 0,
            trainingSeconds,
            (System.nanoTime() - t0) / 1e9);
    artifacts.put(rowKey, "ladder-row", r);
    say("%s: %d/%d", row, r.successes(), r.tasks().size());
    return r;
  }

  /** What the ladder's searches back up, beside every searched number. */
  String backedUp() {
    return judge == null ? "site reward in a sandbox" : "judge " + judge;
  }

  /** A round's searched data: episodes on train tasks until the round's budget is spent. */
  record Searched(int episodes, int interactions, List<String> treeKeys, int nextTask) {}

  private Searched search(
      String name, String policy, Critic searchCritic, SearchConfig config, int roundBudget) {
    EvaluationRequest all =
        EvaluationRequest.searched(
                id + "-" + name, policy, searchCritic.name(), config, "train", 0, threads)
            .valuedBy(judge);
    int spent = 0;
    int episodes = 0;
    List<String> trees = new ArrayList<>();
    int next = 0;
    int batch = Math.max(1, threads);
    // Whole batches of train tasks, each an evaluation workflow, until the budget is spent.
    while (spent < roundBudget) {
      EvaluationResult r = stack.evaluate(all.slice(next, batch));
      if (r.tasks().isEmpty()) {
        break;
      }
      next += r.tasks().size();
      spent += r.summary().interactions();
      episodes += r.tasks().size();
      trees.addAll(r.trees());
    }
    return new Searched(episodes, spent, trees, next);
  }

  /**
   * The node pairs of searched trees that a round trains on, extracted with threshold {@code th}
   * and kept by the visits rule with their weights ({@link VisitedPairs}), one file per tree (kept,
   * and read back on a rerun, empty when no pair was kept); the behaviour log-likelihoods are the
   * ones the trees hold.
   */
  private List<String> ruledPairs(List<String> treeKeys, double th, String tag) {
    RuledPairs ruled = new RuledPairs(artifacts, th, visits);
    List<String> keys = new ArrayList<>();
    for (String treeKey : treeKeys) {
      String episode = treeKey.replaceAll("^episodes/|/tree\\.json$", "");
      keys.add(ruled.write(treeKey, key(tag + "/" + episode + ".jsonl")).key());
    }
    return keys;
  }

  /** The cycle of a variant's round: its id names the ladder, the variant and the round. */
  private String cycleId(Variant v, int round) {
    return String.format(Locale.ROOT, "%s-%s-r%02d", id, v.tag, round);
  }

  /** Runs (or reads back) one of the ladder's cycles; a cycle that did not finish stops it. */
  CycleRecord runCycle(CycleRequest request) throws Exception {
    int code = CycleCommand.runCycle(stack, request, false);
    CycleRecord r = CycleCommand.stored(artifacts, request.cycleId());
    if (code != 0 || r.round() == null) {
      throw new IllegalStateException(
          "ladder "
              + id
              + ": cycle "
              + request.cycleId()
              + " ended "
              + r.status()
              + "; see `agentq cycle status "
              + request.cycleId()
              + "`, then run the ladder again");
    }
    return r;
  }

  static String slug(String row) {
    return row.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
