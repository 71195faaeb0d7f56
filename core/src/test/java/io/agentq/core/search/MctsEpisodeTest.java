package io.agentq.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MctsEpisodeTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final Path REGRESSION =
      Path.of("src/test/resources/io/agentq/core/search/regression-tree.json");
  static final SearchConfig CONFIG =
      new SearchConfig(6, 3, 3, 1.0, 0.5, 0.1, 4, SearchConfig.RolloutValue.SCORE, 7);

  @Test
  void sameSeedSameTreeAsTheStoredRegressionTree() throws Exception {
    SearchTree tree = new MctsEpisode("toy", CONFIG, new ToySteps()).run(null).tree();
    String json = JSON.writeValueAsString(tree.snapshot());
    if (Boolean.getBoolean("agentq.regenerate")) {
      Files.writeString(REGRESSION, json);
    }
    assertEquals(
        Files.readString(REGRESSION),
        json,
        "the seeded tree changed; if on purpose, rerun with -Dagentq.regenerate=true");
    assertEquals(
        json,
        JSON.writeValueAsString(
            new MctsEpisode("toy", CONFIG, new ToySteps()).run(null).tree().snapshot()));
  }

  @Test
  void episodeCommitsTheIrreversibleStepOnceAndRecordsInvalidActions() {
    ToySteps steps = new ToySteps();
    SearchTree tree = new MctsEpisode("toy", CONFIG, steps).run(null).tree();
    EpisodeSummary s = EpisodeSummary.of(tree);
    assertTrue(s.terminated());
    assertEquals(3, s.steps());
    assertEquals(1, steps.commits, "only the committed terminal step touches the live site");
    assertEquals(3 * CONFIG.iterationsPerStep(), tree.iterations());
    boolean invalidSeen =
        tree.snapshot().nodes().stream().anyMatch(n -> n.state() != null && n.state().invalid());
    assertTrue(invalidSeen, "CLICK [9] is proposed and recorded as invalid, not a crash");
  }

  @Test
  void checkpointDeltasAssembleTheTreeAndOneFollowsTheCommitAtOnce() {
    ToySteps steps = new ToySteps();
    SearchTree tree = new MctsEpisode("toy", CONFIG, steps).run(null).tree();
    TreeSnapshot assembled = null;
    for (TreeDelta d : steps.checkpoints) {
      assembled = d.applyTo(assembled);
    }
    // The last checkpoint follows the commit of the terminal (irreversible) step: it holds the
    // whole final tree, though no delta carried more than the nodes that changed.
    assertEquals(tree.snapshot(), assembled);
    int commit = steps.log.indexOf("commit toy:irreversible:1");
    assertTrue(
        commit >= 0, "the first purchase's key is the episode and the ordinal: " + steps.log);
    assertTrue(steps.log.get(commit + 1).startsWith("checkpoint"), "checkpoint right after");
    int largest = steps.checkpoints.stream().mapToInt(d -> d.nodes().size()).max().orElseThrow();
    assertTrue(largest < tree.size(), "deltas, not trees: " + largest + " of " + tree.size());
    assertEquals(1, tree.irreversible().size());
    assertEquals("toy:irreversible:1", tree.irreversible().get(0).key());
  }

  /**
   * Two searches of one episode that grow different trees (another seed: a resumed search or an
   * operator's reset can do that) commit their first purchase under the same key, so the site can
   * answer the second with the first's outcome.
   */
  @Test
  void theKeyDependsOnTheEpisodeAndTheOrdinalNotOnTheTree() {
    ToySteps a = new ToySteps();
    ToySteps b = new ToySteps();
    SearchTree ta = new MctsEpisode("ep", CONFIG, a).run(null).tree();
    SearchTree tb = new MctsEpisode("ep", CONFIG.withSeed(SECOND_SEED), b).run(null).tree();
    assertEquals(1, ta.irreversible().size());
    assertEquals(1, tb.irreversible().size());
    assertTrue(
        !ta.snapshot().nodes().equals(tb.snapshot().nodes())
            && ta.irreversible().get(0).nodeId() != tb.irreversible().get(0).nodeId(),
        "the two searches must differ for this test to mean anything");
    assertEquals(List.of("commit ep:irreversible:1"), commits(a));
    assertEquals(List.of("commit ep:irreversible:1"), commits(b));
  }

  /** A seed whose search ends in a purchase through another node than seed 7's. */
  static final long SECOND_SEED = 4;

  private static List<String> commits(ToySteps s) {
    return s.log.stream().filter(l -> l.startsWith("commit")).toList();
  }

  @Test
  void resumingFromACheckpointGivesTheSameTree() {
    SearchTree whole = new MctsEpisode("toy", CONFIG, new ToySteps()).run(null).tree();
    ToySteps pausing =
        new ToySteps() {
          int asked;

          @Override
          public boolean shouldPause() {
            return asked++ == 0;
          }
        };
    MctsEpisode.Result first = new MctsEpisode("toy", CONFIG, pausing).run(null);
    assertTrue(first.paused());
    TreeSnapshot carried = first.tree().snapshot();
    SearchTree resumed = new MctsEpisode("toy", CONFIG, new ToySteps()).run(carried).tree();
    assertEquals(whole.snapshot(), resumed.snapshot());
  }

  /**
   * A three-page shop for counting environment steps. "/" offers only CLICK [buy], to "/b": the
   * order page (irreversible, not terminal), which offers only CLICK [home], to "/b/h", which
   * offers nothing. Every rollout walks 3 steps to a done page (score 0), or stops at its limit
   * first. It tallies what it spends itself, as a check of the tree's count.
   */
  static class CountingSteps implements SearchSteps {
    int spent;

    static NodeState page(String url, boolean terminal, boolean irreversible) {
      return new NodeState(url, "obs" + url, url, terminal, 0, false, irreversible, "ok");
    }

    @Override
    public Start open() {
      return new Start("buy something", page("/", false, false));
    }

    @Override
    public Expansion expand(NodeState at, List<String> history, int k, long seed) {
      return switch (at.stateUrl()) {
        case "/" -> new Expansion(List.of(new Proposal("", "", "CLICK [buy]", "", -1)), List.of(0));
        case "/b" ->
            new Expansion(List.of(new Proposal("", "", "CLICK [home]", "", -1)), List.of(0));
        default -> new Expansion(List.of(), List.of());
      };
    }

    @Override
    public Outcome step(
        NodeState from, List<String> history, String command, int rolloutSteps, long seed) {
      spent++;
      NodeState to =
          command.equals("CLICK [buy]") ? page("/b", false, true) : page("/b/h", false, false);
      return new Outcome(to, rolloutSteps > 0 ? rollout(to, history, rolloutSteps, seed) : null);
    }

    @Override
    public Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed) {
      int steps = Math.min(3, stepsLeft);
      spent += steps;
      return new Rollout(0, steps == 3, steps);
    }

    @Override
    public Committed commit(Commit c) {
      spent++;
      return new Committed(page("/b", false, true), false, true, "ordered");
    }

    @Override
    public void checkpoint(TreeDelta changes) {}

    @Override
    public boolean shouldPause() {
      return false;
    }
  }

  /**
   * T = 5, 2 iterations a step, on {@link CountingSteps}; each line is what the steps spend.
   *
   * <pre>
   * root "/":   it 1 expands "/" and executes CLICK [buy] (1), rolls out from "/b", limit 5-1=4 (3)
   *             it 2 expands "/b" and executes CLICK [home] (1), rolls out from "/b/h", limit 3 (3)
   *             commit CLICK [buy]: irreversible, done on the live site (1)                    = 9
   * root "/b":  it 3 and 4 reach "/b/h", which offers nothing: a rollout, limit 5-2=3 (3 + 3)  = 15
   *             commit CLICK [home] (reversible: no live step)
   * root "/b/h": it 5 and 6 as 3 and 4 (3 + 3)                                                 = 21
   *             nothing to commit: the episode ends
   * </pre>
   *
   * 2 sandbox steps + 6 + 12 rollout steps + 1 live commit = 21.
   */
  @Test
  void interactionsCountSandboxStepsRolloutStepsAndLiveCommits() {
    SearchConfig small =
        new SearchConfig(2, 2, 5, 1.0, 0.5, 0.1, 10, SearchConfig.RolloutValue.SCORE, 3);
    CountingSteps steps = new CountingSteps();
    SearchTree tree = new MctsEpisode("count", small, steps).run(null).tree();
    assertEquals(6, tree.iterations());
    assertEquals(1, tree.irreversible().size());
    assertEquals(21, tree.interactions());
    assertEquals(steps.spent, tree.interactions(), "what the steps themselves spent");
    assertEquals(21, EpisodeSummary.of(tree).interactions());

    // Paused after the first commit (9 spent) and resumed from the snapshot with new steps: the
    // resumed run spends the other 12 and the tree counts on from 9.
    CountingSteps pausing =
        new CountingSteps() {
          @Override
          public boolean shouldPause() {
            return true;
          }
        };
    MctsEpisode.Result first = new MctsEpisode("count", small, pausing).run(null);
    assertTrue(first.paused());
    assertEquals(9, first.tree().interactions());
    CountingSteps rest = new CountingSteps();
    SearchTree resumed = new MctsEpisode("count", small, rest).run(first.tree().snapshot()).tree();
    assertEquals(12, rest.spent);
    assertEquals(21, resumed.interactions());
  }

  /** A tree.json or checkpoint written before environment steps were counted loads with 0. */
  @Test
  void aSnapshotWithoutTheCountLoadsWithZero() throws Exception {
    SearchTree tree = new MctsEpisode("toy", CONFIG, new ToySteps()).run(null).tree();
    assertTrue(tree.interactions() > 0);
    ObjectNode json = JSON.valueToTree(tree.snapshot());
    assertEquals(tree.interactions(), json.remove("interactions").asInt());
    TreeSnapshot old = JSON.treeToValue(json, TreeSnapshot.class);
    assertEquals(0, old.interactions());
    assertEquals(0, SearchTree.restore(old).interactions());
    assertEquals(tree.snapshot().nodes(), old.nodes());
  }

  @Test
  void successValueCountsOnlyPerfectScores() {
    SearchConfig binary =
        new SearchConfig(6, 3, 3, 1.0, 0.5, 0.1, 4, SearchConfig.RolloutValue.SUCCESS, 7);
    SearchTree tree = new MctsEpisode("toy", binary, new ToySteps()).run(null).tree();
    tree.snapshot().nodes().forEach(n -> assertTrue(n.edgeValue() >= 0 && n.edgeValue() <= 1));
    assertTrue(
        tree.snapshot().nodes().stream()
            .allMatch(
                n ->
                    n.edgeVisits() == 0
                        || Math.abs(
                                n.edgeValue() * n.edgeVisits()
                                    - Math.round(n.edgeValue() * n.edgeVisits()))
                            < 1e-9),
        "every backed-up return is 0 or 1");
  }
}
