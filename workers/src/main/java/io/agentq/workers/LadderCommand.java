package io.agentq.workers;

import io.agentq.activities.training.SandboxEvaluation;
import io.agentq.activities.training.TrajectorySampling;
import io.agentq.core.EpisodeResult;
import io.agentq.core.InputException;
import io.agentq.core.TaskSampler;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.PolicyStore;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The paper's ladder on the built-in shop, from one base and one interaction budget per method:
 * zero-shot, base (BC), RFT, outcome DPO, Agent Q after each round, base + MCTS, Agent Q + MCTS,
 * MCTS without the critic and the critic alone, all on the same held-out tasks. Durable: every
 * step's result is kept in the store under the ladder's id and read back when the ladder is started
 * again, so a ladder can run in pieces.
 */
@Command(
    name = "ladder",
    description =
        "Zero-shot, base, RFT, outcome DPO, Agent Q rounds and the MCTS rows on the same held-out"
            + " tasks; a table and a plot. Started again with the same --id, it goes on where it"
            + " stopped.")
final class LadderCommand implements Callable<Integer> {
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
      description = "Agent Q rounds (the budget is split among them).")
  int rounds;

  @Option(
      names = "--samples-per-task",
      defaultValue = "4",
      description = "RFT / outcome DPO: the base's episodes per train task.")
  int samplesPerTask;

  @Option(
      names = "--bc-epochs",
      defaultValue = "20",
      description = "Epochs of behaviour cloning and RFT.")
  int bcEpochs;

  @Option(
      names = "--dpo-epochs",
      defaultValue = "8",
      description = "Epochs of outcome DPO and Agent Q.")
  int dpoEpochs;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (BC, RFT).")
  double learningRate;

  @Option(names = "--dpo-lr", defaultValue = "1e-3", description = "Adam's learning rate (DPO).")
  double dpoLearningRate;

  @Option(names = "--beta", defaultValue = "0.1", description = "DPO's beta.")
  double beta;

  @Option(
      names = "--nll",
      defaultValue = "0",
      description =
          "Outcome DPO and Agent Q: weight of an NLL term on the preferred side (0: plain DPO).")
  double nll;

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
      defaultValue = "base-ranking",
      description = "The critic of every search.")
  String critic;

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
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: embedded).")
  String temporal;

  @Option(names = "--s3", description = "URL of an S3 server (default: the embedded store).")
  String s3;

  private JsonArtifacts artifacts;

  private String key(String rest) {
    return "ladders/" + id + "/" + rest;
  }

  @Override
  public Integer call() throws Exception {
    shop.check();
    if (heldout < 1
        || demos < 1
        || budget < 1
        || rounds < 1
        || samplesPerTask < 2
        || nll < 0
        || (outcomeNll != null && outcomeNll < 0)
        || (outcomeLearningRate != null && !(outcomeLearningRate > 0))
        || (outcomeBeta != null && !(outcomeBeta > 0))
        || devTasks < 1) {
      throw new InputException(
          "--heldout, --demos, --budget, --rounds and --dev-tasks must be at least 1,"
              + " --samples-per-task at least 2 (outcome DPO pairs two episodes of a task),"
              + " --nll and --outcome-dpo-nll at least 0, --outcome-dpo-lr and --outcome-dpo-beta"
              + " positive");
    }
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new InputException("--id '" + id + "': use letters, digits, '.', '_' or '-'");
    }
    SearchConfig search = searchConfig(alpha);
    try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        AgentqStack stack =
            AgentqStack.startWorkers(
                rt, temporal, s3, "http", Math.max(2, threads), AgentqStack.ALL_QUEUES);
        DriverFactory drivers = new DriverFactory("http")) {
      artifacts = stack.artifacts();
      checkSameLadder();
      ShopTasks site = new ShopTasks(rt, drivers);
      PolicyStore policies = EvalCommand.policies(artifacts, rt.data().catalog());
      List<Integer> train = site.tasks("train", Integer.MAX_VALUE);
      List<Goal> trainGoals = rt.data().sample(TaskSplit.TRAIN);
      List<Integer> held = site.tasks("heldout", heldout);
      if (held.size() < heldout) {
        System.out.printf(
            "note: the shop has %d held-out tasks; evaluating on all of them%n", held.size());
      }
      String heldOut =
          SampledTasks.describe(held.size(), rt.data().goals(TaskSplit.HELDOUT).size());
      say("held-out tasks: %s", heldOut);
      List<LadderRow> table = new ArrayList<>();

      // 1. The base: behaviour cloning on expert demonstrations.
      long t0 = System.nanoTime();
      Demonstrations.Collected demo =
          Demonstrations.collect(
              rt,
              drivers,
              artifacts,
              id + "-demos",
              trainGoals,
              demos,
              shop.maxSteps + 8,
              threads,
              new Progress(System.err, demos, "demonstrations"));
      say(
          "demonstrations: %d of %d attempted succeeded (%d expert env steps, counted apart)",
          demo.keys().size(), demo.attempted(), demo.interactions());
      RoundResult base =
          stack.runRound(
              round(
                  "base",
                  "bc",
                  "BC on " + demo.keys().size() + " expert demonstrations",
                  null,
                  null,
                  TrainingConfig.imitation()
                      .withEpochs(bcEpochs)
                      .withLearningRate(learningRate)
                      .withSeed(shop.seed),
                  DataKind.SUCCESSES,
                  demo.keys()));
      double baseSeconds = stepSeconds("base", t0);
      String vb = base.version();
      say("base: %s (dev %d/%d)", vb, base.dev().successes(), base.dev().tasks());

      // 2. RFT and outcome DPO: the base's own episodes on train tasks, one budget for both.
      t0 = System.nanoTime();
      TrajectorySampling.Sampled samples =
          new TrajectorySampling(artifacts, site, threads)
              .sample(
                  key("samples"),
                  policies.load(vb),
                  train,
                  samplesPerTask,
                  budget,
                  shop.maxSteps,
                  shop.seed);
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
          stack.runRound(
              round(
                  "rft",
                  "rft",
                  "RFT on the base's successful episodes",
                  vb,
                  vb,
                  TrainingConfig.imitation()
                      .withEpochs(bcEpochs)
                      .withLearningRate(learningRate)
                      .withSeed(shop.seed),
                  DataKind.SUCCESSES,
                  samples.keys()));
      double rftSeconds = sampleSeconds + stepSeconds("rft", t0);
      t0 = System.nanoTime();
      RoundResult odpo =
          stack.runRound(
              round(
                  "odpo",
                  "outcome-dpo",
                  "outcome DPO: a success against a failure on one task",
                  vb,
                  vb,
                  outcomeDpo(),
                  DataKind.OUTCOME_PAIRS,
                  samples.keys()));
      double odpoSeconds = sampleSeconds + stepSeconds("odpo", t0);
      say("rft: %s, outcome dpo: %s", rft.version(), odpo.version());

      // 3. Agent Q: critic-guided MCTS on train tasks with the current policy, node-level pairs,
      // a replay buffer of every round's pairs, pi_ref <- the new policy (its log-likelihoods are
      // stored with the next round's pairs).
      List<String> replay = new ArrayList<>();
      List<RoundResult> agentQ = new ArrayList<>();
      List<Double> agentQSeconds = new ArrayList<>();
      List<Integer> agentQBudget = new ArrayList<>();
      String previous = vb;
      int cursor = 0;
      int spentSoFar = 0;
      List<String> firstRoundTrees = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        t0 = System.nanoTime();
        // Cumulative targets: an overshoot of one round's last batch is taken from the next.
        int roundBudget = (int) ((long) budget * i / rounds) - spentSoFar;
        Searched s = search("aq" + i, previous, search, train, cursor, roundBudget, stack);
        cursor = s.nextTask();
        spentSoFar += s.interactions();
        replay.addAll(s.pairsKeys());
        if (i == 1) {
          firstRoundTrees.addAll(s.treeKeys());
        }
        say(
            "agent q round %d: %d searched train episodes with %s, %d env steps, %d pairs in the replay buffer files",
            i, s.episodes(), previous, s.interactions(), replay.size());
        RoundResult r =
            stack.runRound(
                round(
                    "aq" + i,
                    "agentq-round-" + i,
                    "Agent Q round "
                        + i
                        + ": node-level DPO on the replay buffer ("
                        + replay.size()
                        + " pair files)",
                    previous,
                    previous,
                    dpo(),
                    DataKind.NODE_PAIRS,
                    replay));
        agentQ.add(r);
        agentQSeconds.add(stepSeconds("aq" + i, t0));
        agentQBudget.add(spentSoFar);
        previous = r.version();
      }
      String last = previous;

      // 4. Held-out, no search: every policy of the ladder on the same tasks.
      SandboxEvaluation eval = new SandboxEvaluation(artifacts, site, threads);
      table.add(noSearch("zero-shot", "zero-shot", stack, eval, held, 0, 0));
      table.add(noSearch("base (BC)", vb, stack, eval, held, 0, baseSeconds));
      table.add(
          noSearch("RFT", rft.version(), stack, eval, held, samples.interactions(), rftSeconds));
      table.add(
          noSearch(
              "outcome DPO",
              odpo.version(),
              stack,
              eval,
              held,
              samples.interactions(),
              odpoSeconds));
      for (int i = 1; i <= rounds; i++) {
        table.add(
            noSearch(
                "Agent Q round " + i,
                agentQ.get(i - 1).version(),
                stack,
                eval,
                held,
                agentQBudget.get(i - 1),
                agentQSeconds.subList(0, i).stream().mapToDouble(Double::doubleValue).sum()));
      }

      // 5. Held-out with search at inference time.
      table.add(searched("base + MCTS", vb, search, critic, stack, held, 0, baseSeconds));
      table.add(
          searched(
              "Agent Q + MCTS",
              last,
              search,
              critic,
              stack,
              held,
              agentQBudget.get(rounds - 1),
              agentQSeconds.stream().mapToDouble(Double::doubleValue).sum()));
      table.add(
          searched(
              "MCTS alpha=1 (no critic)",
              vb,
              searchConfig(1.0),
              critic,
              stack,
              held,
              0,
              baseSeconds));
      table.add(
          searched(
              "MCTS alpha=0 (critic only)",
              vb,
              searchConfig(0.0),
              critic,
              stack,
              held,
              0,
              baseSeconds));

      // 6. Ablations in the same format. alpha in {0, 0.5, 1} are the three MCTS rows of the base
      // above (K = 4); K in {2, 8} with the base at the ladder's alpha; theta in {0, 0.3}: Agent
      // Q's first round again, its pairs extracted from the same trees with another threshold.
      List<LadderRow> ablations = new ArrayList<>();
      for (String row :
          List.of("MCTS alpha=0 (critic only)", "base + MCTS", "MCTS alpha=1 (no critic)")) {
        ablations.add(table.stream().filter(r -> r.name().equals(row)).findFirst().orElseThrow());
      }
      for (int kk : List.of(2, 8)) {
        if (kk != k) {
          ablations.add(
              searched(
                  "base + MCTS, K=" + kk,
                  vb,
                  searchConfigWith(alpha, kk, theta),
                  critic,
                  stack,
                  held,
                  0,
                  baseSeconds));
        }
      }
      ablations.add(
          table.stream().filter(r -> r.name().equals("Agent Q round 1")).findFirst().orElseThrow());
      for (double th : List.of(0.0, 0.3)) {
        if (th == theta) {
          continue;
        }
        String tag = String.format(Locale.ROOT, "theta-%.2f", th).replace('.', '_');
        t0 = System.nanoTime();
        List<String> pairs = rethreshold(firstRoundTrees, th, tag);
        RoundResult r =
            stack.runRound(
                round(
                    "aq1-" + tag,
                    "agentq-round-1-" + tag,
                    "Agent Q round 1 with theta=" + th + " (pairs from the round's trees)",
                    vb,
                    vb,
                    dpo(),
                    DataKind.NODE_PAIRS,
                    pairs));
        ablations.add(
            noSearch(
                "Agent Q round 1, theta=" + th,
                r.version(),
                stack,
                eval,
                held,
                agentQBudget.get(0),
                agentQSeconds.get(0) + stepSeconds("aq1-" + tag, t0)));
      }

      LadderReport report = new LadderReport(id, table, ablations, budget, heldOut);
      report.write(artifacts, ShopRuntime.home().resolve("ladders").resolve(id));
      System.out.print(report.markdown());
      say("table and plot: %s", ShopRuntime.home().resolve("ladders").resolve(id));
      return 0;
    }
  }

  /** The wall time of one step of the ladder, kept in the store by the run that finished it. */
  record StepTime(double seconds) {}

  /**
   * The seconds since {@code t0} of the step just finished, stored under the ladder's id; a step
   * read back by a resumed ladder keeps the time stored when it finished (a step resumed after a
   * kill counts only the part that ran after the restart). A step finished by a build that did not
   * store times counts as measured now.
   */
  private double stepSeconds(String step, long t0) {
    String timeKey = key("times/" + step + ".json");
    Optional<StepTime> stored = artifacts.get(timeKey, StepTime.class);
    if (stored.isPresent()) {
      return stored.get().seconds();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    artifacts.put(timeKey, "ladder-step-time", new StepTime(seconds));
    return seconds;
  }

  private SearchConfig searchConfig(double a) {
    return searchConfigWith(a, k, theta);
  }

  private SearchConfig searchConfigWith(double a, int kk, double th) {
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
  private TrainingConfig outcomeDpo() {
    TrainingConfig c = dpo();
    c = outcomeLearningRate == null ? c : c.withLearningRate(outcomeLearningRate);
    c = outcomeBeta == null ? c : c.withBeta(outcomeBeta);
    return outcomeNll == null ? c : c.withImitationWeight(outcomeNll);
  }

  private TrainingConfig dpo() {
    return TrainingConfig.dpo()
        .withEpochs(dpoEpochs)
        .withLearningRate(dpoLearningRate)
        .withBeta(beta)
        .withImitationWeight(nll)
        .withSeed(shop.seed);
  }

  private RoundRequest round(
      String name,
      String method,
      String description,
      String parent,
      String current,
      TrainingConfig config,
      DataKind kind,
      List<String> data) {
    return new RoundRequest(
        id + "-" + name,
        method,
        description,
        parent,
        current,
        hidden,
        temperature,
        config,
        List.of(io.agentq.core.training.DataSet.of(kind, data)),
        samplesPerTask,
        new RoundRequest.DevEvaluation(devTasks, shop.maxSteps, shop.seed),
        0,
        null);
  }

  /** The options a ladder was started with: a ladder id reused with others is refused. */
  record Started(List<String> args) {}

  private void checkSameLadder() {
    List<String> mine =
        new ArrayList<>(
            List.of(
                "heldout=" + heldout,
                "demos=" + demos,
                "budget=" + budget,
                "rounds=" + rounds,
                "samples=" + samplesPerTask,
                "bcEpochs=" + bcEpochs,
                "dpoEpochs=" + dpoEpochs,
                "lr=" + learningRate,
                "dpoLr=" + dpoLearningRate,
                "beta=" + beta,
                "hidden=" + hidden,
                "temperature=" + temperature,
                "iterations=" + iterations,
                "k=" + k,
                "alpha=" + alpha,
                "theta=" + theta,
                "critic=" + critic,
                "dev=" + devTasks,
                "seed=" + shop.seed,
                "T=" + shop.maxSteps,
                // Tasks are drawn in the stratified sample's order: a ladder started when they
                // were drawn in file order holds rows on other tasks, so it is not resumed.
                "tasks=stratified-by-category-seed-" + TaskSampler.SAMPLE_SEED));
    // Options added later are listed only when set, so that earlier ladders keep their list.
    if (nll > 0) {
      mine.add("nll=" + nll);
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

  private LadderRow noSearch(
      String row,
      String policy,
      AgentqStack stack,
      SandboxEvaluation eval,
      List<Integer> held,
      int trainingBudget,
      double trainingSeconds) {
    String rowKey = key("rows/" + slug(row) + ".json");
    Optional<LadderRow> done = artifacts.get(rowKey, LadderRow.class);
    if (done.isPresent()) {
      say("%s: read back", row);
      return done.get();
    }
    long t0 = System.nanoTime();
    PolicyStore stored = EvalCommand.policies(artifacts, stack.shop().data().catalog());
    var agents =
        new io.agentq.activities.search.StoredAgents(
            stored, AgentqStack.critics(artifacts, stored));
    List<EpisodeResult> eps =
        eval.episodes(
            key("heldout/" + slug(row)),
            agents.policy(policy),
            "heldout",
            held.size(),
            shop.maxSteps,
            shop.seed);
    LadderRow r =
        new LadderRow(
            row,
            policy,
            "none",
            "-",
            eps.size(),
            (int) eps.stream().filter(EpisodeResult::success).count(),
            eps.stream().mapToDouble(EpisodeResult::score).average().orElse(0),
            eps.stream().mapToInt(EpisodeResult::steps).average().orElse(0),
            eps.stream().mapToInt(EpisodeResult::steps).sum(),
            trainingBudget,
            trainingSeconds,
            (System.nanoTime() - t0) / 1e9);
    artifacts.put(rowKey, "ladder-row", r);
    say("%s: %d/%d", row, r.successes(), r.tasks());
    return r;
  }

  private LadderRow searched(
      String row,
      String policy,
      SearchConfig config,
      String criticName,
      AgentqStack stack,
      List<Integer> held,
      int trainingBudget,
      double trainingSeconds)
      throws Exception {
    String rowKey = key("rows/" + slug(row) + ".json");
    Optional<LadderRow> done = artifacts.get(rowKey, LadderRow.class);
    if (done.isPresent()) {
      say("%s: read back", row);
      return done.get();
    }
    long t0 = System.nanoTime();
    List<EpisodeArtifacts> eps =
        runSearched(
            id + "-ho-" + slug(row),
            new EpisodeRequest.Agents(policy, criticName),
            config,
            held,
            stack);
    LadderRow r =
        new LadderRow(
            row,
            policy,
            config.budget() + " critic " + criticName,
            "site reward in a sandbox",
            eps.size(),
            (int) eps.stream().filter(e -> e.summary().success()).count(),
            eps.stream().mapToDouble(e -> e.summary().score()).average().orElse(0),
            eps.stream().mapToInt(e -> e.summary().steps()).average().orElse(0),
            eps.stream().mapToInt(e -> e.summary().interactions()).sum(),
            trainingBudget,
            trainingSeconds,
            (System.nanoTime() - t0) / 1e9);
    artifacts.put(rowKey, "ladder-row", r);
    say("%s: %d/%d", row, r.successes(), r.tasks());
    return r;
  }

  /** Agent Q's data of one round: searched train episodes until the round's budget is spent. */
  record Searched(
      int episodes,
      int interactions,
      List<String> pairsKeys,
      List<String> treeKeys,
      int nextTask) {}

  private Searched search(
      String name,
      String policy,
      SearchConfig config,
      List<Integer> train,
      int from,
      int roundBudget,
      AgentqStack stack)
      throws Exception {
    int spent = 0;
    int episodes = 0;
    List<String> pairs = new ArrayList<>();
    List<String> trees = new ArrayList<>();
    int next = from;
    int batch = Math.max(1, threads);
    while (spent < roundBudget && next < train.size()) {
      List<Integer> tasks = train.subList(next, Math.min(train.size(), next + batch));
      next += tasks.size();
      for (EpisodeArtifacts a :
          runSearched(
              id + "-" + name, new EpisodeRequest.Agents(policy, critic), config, tasks, stack)) {
        spent += a.summary().interactions();
        episodes++;
        trees.add(a.treeKey());
        if (a.pairs() > 0) {
          pairs.add(a.pairsKey());
        }
      }
    }
    return new Searched(episodes, spent, pairs, trees, next);
  }

  /** Searched episodes, each a SearchEpisodeWorkflow (a finished one is read back). */
  private List<EpisodeArtifacts> runSearched(
      String runId,
      EpisodeRequest.Agents agents,
      SearchConfig config,
      List<Integer> tasks,
      AgentqStack stack)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    Progress progress =
        tasks.size() > 2 ? new Progress(System.err, tasks.size(), runId) : Progress.silent();
    try {
      List<Future<EpisodeArtifacts>> running = new ArrayList<>();
      for (int t : tasks) {
        running.add(
            pool.submit(
                () -> {
                  EpisodeArtifacts a =
                      stack.runEpisode(EpisodeRequest.of(runId + "-t" + t, t, config).with(agents));
                  progress.done(a.summary().success());
                  return a;
                }));
      }
      List<EpisodeArtifacts> out = new ArrayList<>();
      for (Future<EpisodeArtifacts> f : running) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The pairs of searched trees extracted again with threshold {@code th}, one file per tree (kept,
   * and read back on a rerun); the behaviour log-likelihoods are the ones the trees hold.
   */
  private List<String> rethreshold(List<String> treeKeys, double th, String tag) {
    List<String> keys = new ArrayList<>();
    for (String treeKey : treeKeys) {
      TreeSnapshot t =
          artifacts
              .get(treeKey, TreeSnapshot.class)
              .orElseThrow(() -> new IllegalStateException("no tree at " + treeKey));
      String key = key(tag + "/" + t.episodeId() + ".jsonl");
      if (artifacts.store().get(key).isEmpty()) {
        SearchConfig c = t.config();
        SearchConfig other =
            new SearchConfig(
                c.iterationsPerStep(),
                c.branching(),
                c.maxDepth(),
                c.exploration(),
                c.alpha(),
                th,
                c.checkpointEvery(),
                c.rolloutValue(),
                c.seed());
        List<io.agentq.core.search.PreferencePair> pairs =
            SearchTree.restore(
                    new TreeSnapshot(
                        t.episodeId(),
                        t.instruction(),
                        other,
                        t.rootId(),
                        t.committed(),
                        t.iterations(),
                        t.iterationsAtRoot(),
                        t.interactions(),
                        t.irreversible(),
                        t.nodes()))
                .preferencePairs();
        artifacts.putLines(key, "preference-pair", pairs);
      }
      keys.add(key);
    }
    return keys;
  }

  static String slug(String row) {
    return row.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
