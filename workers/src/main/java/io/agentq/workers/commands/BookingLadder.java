package io.agentq.workers.commands;

import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.DataSet;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.training.BookingPolicyFeatures;
import io.agentq.workers.evaluation.LadderReport;
import io.agentq.workers.evaluation.LadderRow;
import io.agentq.workers.evaluation.SampledTasks;
import io.agentq.workers.runtime.Progress;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.CycleRequest;
import io.agentq.workflows.training.DataCollected;
import io.agentq.workflows.training.RoundResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ladder on the booking site ({@code ladder --env booking}), every episode in Chromium: the
 * zero-shot policy; behaviour cloning of the booking expert (the base); RFT and outcome DPO on the
 * base's own episodes; Agent Q's rounds (critic-guided MCTS on train tasks, DPO on the node pairs
 * of the searched trees), each a daily cycle of its own lineage on the booking site; without search
 * on the held-out sample (every row run --runs times, for pass^k), then the base and the last round
 * with search at inference time. The shop's other rows (the legacy feature row, the sandbox-checked
 * labels, distillation, the ablations) read the shop's pages and are not run here. Durable as the
 * shop's ladder is: every step is kept under the ladder's id and read back on a rerun.
 */
final class BookingLadder {
  private final LadderCommand l;
  private final SampledTasks sample;

  BookingLadder(LadderCommand ladder, SampledTasks sample) {
    this.l = ladder;
    this.sample = sample;
  }

  int run(SearchConfig search) throws Exception {
    String env = l.env;
    int steps = l.shop.maxSteps;
    String heldOut =
        (l.split.equals("dev") ? "DEV tasks (choosing settings, not a result): " : "")
            + sample.describe();
    l.say("booking %s tasks: %s", l.split, heldOut);

    // 1. The base: behaviour cloning on the booking expert's demonstrations (decision row).
    long t0 = System.nanoTime();
    DataCollected demo =
        l.stack.collect(
            TrainBaseCommand.demonstrations(l.id + "-demos", l.demos, steps + 8, l.threads, env),
            new Progress(System.err, l.demos, "demonstrations"));
    List<String> demoKeys = demo.successKeys();
    l.say(
        "demonstrations: %d of %d attempted succeeded (%d expert env steps, counted apart)",
        demoKeys.size(), demo.episodes().size(), demo.interactions());
    DataSet demonstrations = l.listed("demos", DataKind.SUCCESSES, demoKeys);
    TrainingConfig bc =
        TrainingConfig.imitation()
            .withEpochs(l.bcEpochs)
            .withLearningRate(l.learningRate)
            .withSeed(l.shop.seed);
    RoundResult base =
        l.runRound(
            "base",
            "bc",
            "BC on " + demoKeys.size() + " booking expert demonstrations (booking decision row)",
            null,
            bc,
            List.of(demonstrations),
            BookingPolicyFeatures.DECISION_LAYOUT);
    double baseSeconds = l.stepSeconds("base", t0);
    String vb = base.version();
    l.say("base: %s (dev %d/%d)", vb, base.dev().successes(), base.dev().tasks());
    LadderCommand.Critic critic = LadderCommand.Critic.base(vb);

    // 2. RFT and outcome DPO: the base's own episodes on train tasks, one budget for both.
    t0 = System.nanoTime();
    DataCollected samples = l.stack.collect(l.samples(vb), Progress.silent());
    l.say(
        "base samples: %d episodes on %d train tasks, %d successes, %d env steps (%d read back)",
        samples.keys().size(),
        samples.tasks(),
        samples.successes(),
        samples.interactions(),
        samples.readBack());
    double sampleSeconds = l.stepSeconds("samples", t0);
    t0 = System.nanoTime();
    RoundResult rft =
        l.runRound(
            "rft",
            "rft",
            "RFT on the base's successful booking episodes",
            vb,
            bc,
            List.of(l.listed("samples", DataKind.SUCCESSES, samples.keys())),
            null);
    double rftSeconds = sampleSeconds + l.stepSeconds("rft", t0);
    t0 = System.nanoTime();
    RoundResult odpo =
        l.runRound(
            "odpo",
            "outcome-dpo",
            "outcome DPO: a booking success against a failure on one task",
            vb,
            l.outcomeDpo(),
            List.of(l.listed("samples", DataKind.OUTCOME_PAIRS, samples.keys())),
            null);
    double odpoSeconds = sampleSeconds + l.stepSeconds("odpo", t0);
    l.say("rft: %s, outcome dpo: %s", rft.version(), odpo.version());

    // 3. Agent Q by DPO on node pairs: each round a daily cycle of the lineage on the booking site
    // (MCTS on train tasks no earlier round used, pairs, DPO with a replay of the lineage's data).
    LadderCommand.Lineage agentQ = new LadderCommand.Lineage(vb);
    for (int i = 1; i <= l.rounds; i++) {
      long r0 = System.nanoTime();
      int roundBudget = (int) ((long) l.budget * i / l.rounds) - agentQ.spent;
      CycleRecord cycle =
          l.runCycle(
              new CycleRequest(
                      String.format(java.util.Locale.ROOT, "%s-dpo-r%02d", l.id, i),
                      env,
                      agentQ.policy,
                      critic.name(),
                      roundBudget,
                      l.threads,
                      search,
                      l.visits,
                      l.dpo(),
                      l.hidden,
                      l.temperature,
                      l.devTasks,
                      0,
                      0,
                      steps,
                      l.shop.seed,
                      0,
                      l.id + "-dpo",
                      l.id + "-aq-dpo" + i,
                      l.threads,
                      true,
                      0)
                  .valuedBy(l.judge));
      CycleRecord.Collected s = cycle.collected();
      agentQ.spent += s.interactions();
      l.say(
          "Agent Q (DPO) round %d (cycle %s): %d searched train episodes with %s, %d env steps (%d"
              + " in all)",
          i,
          cycle.request().cycleId(),
          s.episodes(),
          agentQ.policy,
          s.interactions(),
          agentQ.spent);
      agentQ.finish(cycle.round(), l.stepSeconds("aq-dpo" + i, r0));
    }

    // 4. Held-out without search, every row --runs times.
    List<LadderRow> table = new ArrayList<>();
    LadderCommand.Critic none = LadderCommand.Critic.NONE;
    table.add(l.noSearch("zero-shot", "zero-shot", 0, none, 0));
    table.add(l.noSearch("base (BC)", vb, 0, none, baseSeconds));
    table.add(l.noSearch("RFT", rft.version(), samples.interactions(), none, rftSeconds));
    table.add(l.noSearch("outcome DPO", odpo.version(), samples.interactions(), none, odpoSeconds));
    for (int i = 1; i <= l.rounds; i++) {
      table.add(
          l.noSearch(
              "Agent Q (DPO) round " + i,
              agentQ.versions.get(i - 1),
              agentQ.budgets.get(i - 1),
              critic,
              agentQ.seconds(i)));
    }

    // 5. Held-out with search at inference time: the base, and Agent Q's last round.
    table.add(l.searched("base + MCTS", vb, search, critic, 0, baseSeconds));
    table.add(
        l.searched(
            "Agent Q (DPO) + MCTS",
            agentQ.policy,
            search,
            critic,
            agentQ.spent,
            agentQ.seconds(l.rounds)));

    LadderReport report =
        new LadderReport(
                l.id,
                table,
                List.of(),
                l.budget,
                heldOut,
                critic.describe(),
                task -> sample.categories().get(task))
            .withRuns(l.runsByRow)
            .withCategoryName("category (bookable or not / cuisine)")
            .withBackedUp(l.backedUp());
    Path dir = ShopRuntime.home().resolve("ladders").resolve(l.id);
    report.write(l.artifacts, dir, l.split.equals("heldout") ? "ladder" : "ladder-dev");
    System.out.print(report.markdown());
    l.say("table and plot: %s", dir);
    return 0;
  }
}
