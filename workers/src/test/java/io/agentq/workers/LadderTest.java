package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.Episode;
import io.agentq.core.Instruction;
import io.agentq.core.Policy;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.CheckedEpisode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.workers.commands.EvalCommand;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small ladder end to end (every trainer and the training round workflow run), killed with
 * SIGKILL in the middle and started again with the same id: it finishes without running a finished
 * episode, round or evaluation again. Then its store is audited: every stored reference
 * log-likelihood is what the generating policy gives that action on that page, and no held-out or
 * dev task, and no held-out or dev target product, reaches any training data.
 */
class LadderTest {
  static final String ID = "ci";
  @TempDir static Path dir;
  static Path catalog;
  static Path goals;

  @BeforeAll
  static void shopData() {
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    catalog = dir.resolve("shop/catalog.json");
    goals = dir.resolve("shop/goals.jsonl");
  }

  static List<String> ladder() {
    return List.of(
        "ladder",
        "--id",
        ID,
        "--catalog",
        catalog.toString(),
        "--goals",
        goals.toString(),
        "--heldout",
        "4",
        "--demos",
        "12",
        "--budget",
        "160",
        "--rounds",
        "2",
        "--samples-per-task",
        "2",
        "--bc-epochs",
        "25",
        "--dpo-epochs",
        "2",
        "--iterations",
        "2",
        "--k",
        "2",
        "--dev-tasks",
        "2",
        "--outcome-dpo-nll",
        "1",
        "--critic",
        "learned",
        "--critic-budget",
        "60");
  }

  /** Every file under the store's prefix with its last-modified time. */
  static Map<String, FileTime> written(Path home, String prefix) throws IOException {
    Path root = home.resolve("s3/agentq");
    Map<String, FileTime> out = new TreeMap<>();
    Path start = root.resolve(prefix);
    if (!Files.exists(start)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(start)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(), Files.getLastModifiedTime(f));
      }
    }
    return out;
  }

  /** The training config of the version a round made. */
  private static JsonNode trained(Path home, String round) throws IOException {
    String version = data(home, "rounds/" + round + "/result.json").get("version").asText();
    return data(home, "policies/" + version + "/manifest.json").get("training");
  }

  private static JsonNode data(Path home, String key) throws IOException {
    return Json.MAPPER.readTree(home.resolve("s3/agentq").resolve(key).toFile()).get("data");
  }

  @Test
  void aLadderKilledInTheMiddleFinishesWithoutRedoingAndItsDataIsClean() throws Exception {
    Path home = dir.resolve("home");
    Path rftDone = home.resolve("s3/agentq/rounds/" + ID + "-rft/result.json");
    try (Child first = Child.start(home, home.resolve("first.log"), ladder())) {
      assertTrue(
          first.awaitThat(() -> Files.exists(rftDone), 900), "no RFT round: " + first.output());
      first.kill();
    }
    assertFalse(
        Files.exists(home.resolve("ladders/" + ID + "/ladder.md")), "killed before the end");
    List<String> finished = new ArrayList<>();
    Map<String, FileTime> before = new TreeMap<>();
    for (String prefix :
        List.of(
            "datasets/" + ID + "-demos",
            "ladders/" + ID + "/samples",
            "rounds/" + ID + "-base",
            "rounds/" + ID + "-rft",
            "ladders/" + ID + "/times",
            "evals")) {
      before.putAll(written(home, prefix));
    }
    assertTrue(before.size() > 20, "finished work before the kill: " + before.keySet());
    Thread.sleep(20);

    try (Child again = Child.start(home, home.resolve("again.log"), ladder())) {
      assertEquals(0, again.exitCode(1200), again.output());
      String out = again.output();
      assertTrue(out.contains("(16 read back)") || out.contains("read back)"), out);
      finished.add(out);
    }
    for (var e : before.entrySet()) {
      FileTime now = Files.getLastModifiedTime(home.resolve("s3/agentq").resolve(e.getKey()));
      assertEquals(e.getValue(), now, e.getKey() + " was written again");
    }
    String table = Files.readString(home.resolve("ladders/" + ID + "/ladder.md"));
    for (String row :
        List.of(
            "| zero-shot |",
            "| BC, legacy row |",
            "| base (BC) |",
            "| RFT |",
            "| outcome DPO |",
            "| Agent Q (DPO) round 1 |",
            "| Agent Q (DPO) round 2 |",
            "| Agent Q (distill) round 2 |",
            "| Agent Q (DPO + distill) round 2 |",
            "| Agent Q (DPO + distill), legacy row round 2 |",
            "| Agent Q (checked labels) round 1 |",
            "| Agent Q (checked labels) round 2 |",
            "| BC, legacy row + MCTS |",
            "| base + MCTS |",
            "| Agent Q (DPO) + MCTS |",
            "| Agent Q (distill) + MCTS |",
            "| Agent Q (DPO + distill) + MCTS |",
            "| Agent Q (checked labels) + MCTS |",
            "| MCTS alpha=1 (no critic) |",
            "| MCTS alpha=0 (critic only) |",
            "| base + MCTS, K=8 |",
            "| Agent Q (DPO) round 1, theta=0.0 |",
            "| Agent Q (DPO) round 1, theta=0.3 |",
            "## Success by product category")) {
      assertTrue(table.contains(row), row + " in\n" + table);
    }
    budgets(home, table);
    // A round's input names its data by the key of a stored list: the workflow's history stays
    // small whatever the number of files (checked episodes, trees, pairs).
    JsonNode labelsRound = data(home, "rounds/" + ID + "-aq-labels2/request.json");
    for (JsonNode set : labelsRound.get("data")) {
      assertEquals(0, set.get("keys").size(), set.toString());
      assertTrue(
          set.get("listedIn").asText().startsWith("ladders/" + ID + "/data/"), set.toString());
    }
    assertTrue(
        Files.size(home.resolve("s3/agentq/rounds/" + ID + "-aq-labels2/request.json")) < 4096,
        "the round's request is small");
    assertTrue(table.contains("site reward in a sandbox"), table);
    assertTrue(
        table.contains(
            "Held-out tasks, the same for every row: a seeded sample of 4 of the split's"),
        table);
    drawnFromTheSamples(home);
    // The base's training wall time is the one the killed run measured, not the read-back's.
    String times = "ladders/" + ID + "/times/base.json";
    assertTrue(before.containsKey(times), "the base's time was stored before the kill");
    double baseSeconds = data(home, times).get("seconds").asDouble();
    assertTrue(baseSeconds > 1.0, "BC on demonstrations took " + baseSeconds + " s");
    assertEquals(
        baseSeconds,
        data(home, "ladders/" + ID + "/rows/heldout-4/base-bc.json")
            .get("trainingSeconds")
            .asDouble(),
        1e-9);
    byte[] png = Files.readAllBytes(home.resolve("ladders/" + ID + "/ladder.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);

    // Outcome DPO's own setting is its alone: Agent Q's rounds keep --nll's default.
    assertEquals(1.0, trained(home, ID + "-odpo").get("imitationWeight").asDouble());
    // Agent Q's rounds are cycles of one lineage per variant: round 2 takes tasks round 1 did not
    // use and trains with round 1's pairs in its replay buffer; the ladder leaves held-out to its
    // rows (evaluation workflows) and round 1's episodes are shared by the decision-row variants.
    JsonNode r1 = data(home, "cycles/" + ID + "-dpo-r01/cycle.json");
    JsonNode r2 = data(home, "cycles/" + ID + "-dpo-r02/cycle.json");
    String v1 = r1.at("/round/version").asText();
    assertEquals(
        0.0,
        data(home, "policies/" + v1 + "/manifest.json")
            .get("training")
            .get("imitationWeight")
            .asDouble());
    assertEquals(ID + "-dpo", r2.at("/request/lineage").asText());
    assertEquals(r1.at("/round/version").asText(), r2.at("/request/parent").asText());
    assertEquals(ID + "-dpo-r01", r2.at("/pairs/bufferCycles/0").asText(), r2.toString());
    assertEquals(1, r2.at("/pairs/bufferCycles").size(), "only its own lineage's cycles");
    assertTrue(r2.get("evaluated").isNull(), "no held-out evaluation inside a ladder's cycle");
    for (JsonNode step : r2.get("steps")) {
      assertEquals("done", step.get("status").asText(), step.toString());
    }
    java.util.Set<Integer> used1 = new java.util.HashSet<>();
    data(home, "cycles/" + ID + "-dpo-r01/used-tasks.json").forEach(n -> used1.add(n.asInt()));
    data(home, "cycles/" + ID + "-dpo-r02/used-tasks.json")
        .forEach(n -> assertFalse(used1.contains(n.asInt()), "task " + n + " used twice"));
    assertEquals(r1.at("/collected/treesKey").isMissingNode(), false, "round 1 stored its trees");
    assertEquals(
        data(home, r1.at("/collected/treesKey").asText()),
        data(
            home,
            data(home, "cycles/" + ID + "-distill-r01/cycle.json")
                .at("/collected/treesKey")
                .asText()),
        "the decision-row variants share round 1's trees");
    audit(home);
    retrainedWithOtherHyperParameters(home);
  }

  /** The task ids in the names under {@code dir} that match {@code pattern} (group 1), sorted. */
  static List<Integer> tasksIn(Path dir, String pattern) throws IOException {
    Pattern p = Pattern.compile(pattern);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> p.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .distinct()
          .sorted()
          .toList();
    }
  }

  static List<Integer> sortedFirst(List<Goal> sample, int n) {
    return sample.subList(0, n).stream().map(Goal::index).sorted().toList();
  }

  /**
   * Every consumer drew its tasks from the front of its split's stratified sample: the held-out
   * rows (with and without search) ran on the held-out sample's first 4 tasks, and the
   * demonstrations, the base's samples and Agent Q's searched rounds on the train sample's first
   * tasks.
   */
  static void drawnFromTheSamples(Path home) throws IOException {
    ShopData data = ShopData.load(catalog, null, goals);
    List<Goal> held = data.sample(TaskSplit.HELDOUT);
    List<Goal> train = data.sample(TaskSplit.TRAIN);
    Path store = home.resolve("s3/agentq");
    assertEquals(
        sortedFirst(held, 4),
        tasksIn(store.resolve("ladders/" + ID + "/heldout/zero-shot"), "t(\\d+)\\.json"));
    assertEquals(
        sortedFirst(held, 4),
        tasksIn(store.resolve("episodes"), Pattern.quote(ID + "-ho-base-mcts-t") + "(\\d+)"));
    List<Integer> demos = tasksIn(store.resolve("datasets/" + ID + "-demos"), "t(\\d+)\\.json");
    assertEquals(sortedFirst(train, demos.size()), demos);
    List<Integer> sampled =
        tasksIn(store.resolve("ladders/" + ID + "/samples"), "t(\\d+)-s\\d+\\.json");
    assertEquals(sortedFirst(train, sampled.size()), sampled);
    List<Integer> searched =
        tasksIn(store.resolve("episodes"), Pattern.quote(ID + "-aq") + "(?:1|-dpo2)-t(\\d+)");
    assertFalse(searched.isEmpty());
    assertEquals(sortedFirst(train, searched.size()), searched);
  }

  /**
   * Every budget column is what was spent: the learned critic's trees' interactions are in the
   * critic column of every row that uses it (its searches and the Agent Q rows whose trees it
   * steered), and a checked-label round's budget counts its episodes' steps and every sandbox
   * check's clicks and purchases.
   */
  static void budgets(Path home, String table) throws IOException {
    Path store = home.resolve("s3/agentq");
    int criticTrees = 0;
    try (Stream<Path> eps = Files.list(store.resolve("episodes"))) {
      for (Path e :
          eps.filter(e -> e.getFileName().toString().startsWith(ID + "-critic-t")).toList()) {
        criticTrees +=
            Json.MAPPER
                .readTree(e.resolve("manifest.json").toFile())
                .at("/data/summary/interactions")
                .asInt();
      }
    }
    assertTrue(criticTrees > 0, "the learned critic's trees cost interactions");
    assertTrue(table.contains("learned critic:c"), table);
    int usedIt = 0;
    try (Stream<Path> rows = Files.list(store.resolve("ladders/" + ID + "/rows/heldout-4"))) {
      for (Path f : rows.toList()) {
        JsonNode r = Json.MAPPER.readTree(f.toFile()).get("data");
        String name = r.get("name").asText();
        boolean searchedWithIt =
            r.get("critic").asText().startsWith("critic:")
                && (!r.get("search").asText().equals("none") || name.startsWith("Agent Q ("));
        if (searchedWithIt) {
          assertEquals(criticTrees, r.get("criticBudget").asInt(), name);
          usedIt++;
        } else {
          assertEquals(0, r.get("criticBudget").asInt(), name);
        }
      }
    }
    assertTrue(usedIt >= 10, usedIt + " rows use the learned critic");
    int checked = 0;
    try (Stream<Path> eps = Files.list(store.resolve("ladders/" + ID + "/checked/r1"))) {
      for (Path e : eps.toList()) {
        JsonNode c = Json.MAPPER.readTree(e.toFile()).get("data");
        assertTrue(c.get("checkSteps").asInt() >= 0);
        checked += c.get("episodeSteps").asInt() + c.get("checkSteps").asInt();
      }
    }
    assertEquals(
        checked,
        data(home, "ladders/" + ID + "/rows/heldout-4/agent-q-checked-labels-round-1.json")
            .get("budget")
            .asInt(),
        "round 1 of the checked labels is charged its episodes and its checks");
  }

  /** `agentq train` trains again on the data the ladder collected, from the ladder's base. */
  static void retrainedWithOtherHyperParameters(Path home) throws Exception {
    String base = data(home, "rounds/" + ID + "-base/result.json").get("version").asText();
    List<String> pairFiles;
    try (Stream<Path> files = Files.walk(home.resolve("s3/agentq/episodes"))) {
      pairFiles =
          files
              .filter(f -> f.getFileName().toString().equals("pairs.jsonl"))
              .map(f -> home.resolve("s3/agentq").relativize(f).toString())
              .filter(k -> k.startsWith("episodes/" + ID + "-aq1-"))
              .sorted()
              .toList();
    }
    assertFalse(pairFiles.isEmpty(), "round 1 stored pairs");
    List<String> args =
        List.of(
            "train",
            "--round-id",
            "retrain",
            "--method",
            "agentq",
            "--parent",
            base,
            "--data",
            "episodes/" + ID + "-aq1-",
            "--nll",
            "1",
            "--epochs",
            "1",
            "--dev-tasks",
            "2",
            "--catalog",
            catalog.toString(),
            "--goals",
            goals.toString());
    try (Child train = Child.start(home, home.resolve("train.log"), args)) {
      assertEquals(0, train.exitCode(600), train.output());
      assertTrue(train.output().contains("agentq from " + base), train.output());
    }
    String version = data(home, "rounds/retrain/result.json").get("version").asText();
    JsonNode manifest = data(home, "policies/" + version + "/manifest.json");
    assertEquals("agentq", manifest.get("method").asText());
    assertEquals(base, manifest.get("parent").asText());
    assertEquals(1.0, manifest.get("training").get("imitationWeight").asDouble());
    List<String> trainedOn = new ArrayList<>();
    manifest.get("data").forEach(k -> trainedOn.add(k.asText()));
    assertEquals(pairFiles, trainedOn.stream().sorted().toList());

    List<String> nothing = new ArrayList<>(args);
    nothing.set(nothing.indexOf("episodes/" + ID + "-aq1-"), "episodes/no-such-run-");
    nothing.set(nothing.indexOf("retrain"), "retrain-nothing");
    try (Child bad = Child.start(home, home.resolve("bad.log"), nothing)) {
      assertEquals(2, bad.exitCode(600), bad.output());
      assertTrue(
          bad.output().contains("--data episodes/no-such-run-: nothing under it in the store"),
          bad.output());
    }
  }

  /** Reference log-likelihoods as generated, and no held-out or dev task or product in training. */
  static void audit(Path home) throws Exception {
    ShopData data = ShopData.load(catalog, null, goals);
    Set<Integer> notTrain =
        Stream.concat(data.goals(TaskSplit.HELDOUT).stream(), data.goals(TaskSplit.DEV).stream())
            .map(Goal::index)
            .collect(Collectors.toSet());
    Set<String> notTrainProducts =
        Stream.concat(data.goals(TaskSplit.HELDOUT).stream(), data.goals(TaskSplit.DEV).stream())
            .map(Goal::asin)
            .collect(Collectors.toSet());
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), 0)) {
      JsonArtifacts artifacts = AgentqStack.connectArtifacts(s3.endpoint());
      PolicyStore policies =
          EvalCommand.policies(artifacts, ShopData.load(catalog, goals).catalog());
      ObservationStore pages = new ObservationStore(artifacts);
      int checkedSteps = 0;
      int checkedPairs = 0;
      int checkedProposals = 0;
      int checkedLabels = 0;
      List<PolicyVersion> versions = policies.versions();
      List<String> methods = versions.stream().map(PolicyVersion::method).toList();
      for (String m :
          List.of("bc", "rft", "outcome-dpo", "agentq-labels-round-1", "agentq-labels-round-2")) {
        PolicyVersion v =
            versions.stream()
                .filter(x -> x.method().equals(m))
                .findFirst()
                .orElseThrow(() -> new AssertionError(m + " in " + methods));
        assertTrue(v.examples() > 0, "every trainer learned from something: " + v);
      }
      // Agent Q's rounds are cycles: 4 variants x 2 rounds, each learned from something.
      List<PolicyVersion> cycles =
          versions.stream().filter(v -> v.method().equals("agentq-cycle")).toList();
      assertEquals(8, cycles.size(), methods.toString());
      cycles.forEach(v -> assertTrue(v.examples() > 0, "learned from something: " + v));
      for (PolicyVersion v : versions) {
        for (String key : v.data()) {
          if (key.endsWith(".jsonl")) {
            for (String line :
                new String(artifacts.store().get(key).orElseThrow(), StandardCharsets.UTF_8)
                    .split("\n")) {
              if (line.isBlank()) {
                continue;
              }
              JsonNode p = Json.MAPPER.readTree(line).get("data");
              // The episode that made the pair: its task and its generating policy.
              JsonNode request =
                  Json.MAPPER.readTree(
                      artifacts
                          .store()
                          .get("episodes/" + p.get("episodeId").asText() + "/request.json")
                          .orElseThrow());
              int task = request.at("/data/taskId").asInt();
              assertFalse(notTrain.contains(task), v.version() + " trained on task " + task);
              assertFalse(notTrainProducts.contains(data.goal(task).asin()));
              Policy generating = policies.load(request.at("/data/agents/policy").asText());
              List<io.agentq.core.Action> history = new ArrayList<>();
              p.get("history").forEach(h -> history.add(ActionParser.parse(h.asText())));
              AgentState state =
                  new AgentState(
                      new Instruction(p.get("instruction").asText()),
                      history,
                      pages.get(p.get("observationKey").asText()));
              for (String side : List.of("preferred", "rejected")) {
                double stored = p.at("/" + side + "/logLikelihood").asDouble();
                double now =
                    generating.logLikelihood(
                        state, ActionParser.parse(p.at("/" + side + "/command").asText()));
                assertEquals(stored, now, 1e-9, key + " " + side);
              }
              checkedPairs++;
            }
          } else if (key.endsWith("/tree.json")) {
            // A searched episode: a train task; the log-likelihoods its proposals carry (the
            // prior of its soft targets, the reference of its pairs) are the searching policy's.
            String episode =
                key.substring("episodes/".length(), key.length() - "/tree.json".length());
            JsonNode request =
                Json.MAPPER.readTree(
                    artifacts.store().get("episodes/" + episode + "/request.json").orElseThrow());
            int task = request.at("/data/taskId").asInt();
            assertFalse(notTrain.contains(task), v.version() + " trained on task " + task);
            assertFalse(notTrainProducts.contains(data.goal(task).asin()));
            Policy generating = policies.load(request.at("/data/agents/policy").asText());
            TreeSnapshot tree = artifacts.get(key, TreeSnapshot.class).orElseThrow();
            SearchTree t = SearchTree.restore(tree);
            for (TreeSnapshot.Node n : tree.nodes()) {
              if (!n.expanded() || n.state() == null) {
                continue;
              }
              AgentState state =
                  new AgentState(
                      new Instruction(tree.instruction()),
                      t.history(n.id()).stream().map(ActionParser::parse).toList(),
                      pages.get(n.state().observationKey()));
              for (int c : n.children()) {
                var proposal = t.node(c).proposal();
                assertEquals(
                    proposal.logLikelihood(),
                    generating.logLikelihood(state, ActionParser.parse(proposal.command())),
                    1e-9,
                    key + " node " + n.id());
                checkedProposals++;
              }
            }
          } else if (key.contains("/checked/")) {
            // A checked episode: a train task, labels on the policy's own pages
            CheckedEpisode e = artifacts.get(key, CheckedEpisode.class).orElseThrow();
            assertFalse(
                notTrain.contains(Integer.parseInt(e.taskId())),
                v.version() + " trained on task " + e.taskId());
            assertFalse(notTrainProducts.contains(e.target()));
            Policy generating = policies.load(e.policy().substring("learned:".length()));
            for (Episode.Step s : e.labels()) {
              AgentState state =
                  new AgentState(
                      new Instruction(e.instruction()),
                      s.history().stream().map(ActionParser::parse).toList(),
                      pages.get(s.observationKey()));
              assertEquals(
                  s.logLikelihood(),
                  generating.logLikelihood(state, ActionParser.parse(s.command())),
                  1e-9,
                  key);
              checkedLabels++;
            }
          } else {
            Episode t = artifacts.get(key, Episode.class).orElseThrow();
            assertFalse(
                notTrain.contains(Integer.parseInt(t.taskId())),
                v.version() + " trained on task " + t.taskId());
            assertFalse(
                notTrainProducts.contains(t.target()),
                v.version() + " trained on product " + t.target());
            if (t.policy().startsWith("learned:")) {
              Policy generating = policies.load(t.policy().substring("learned:".length()));
              for (Episode.Step s : t.steps()) {
                AgentState state =
                    new AgentState(
                        new Instruction(t.instruction()),
                        s.history().stream().map(ActionParser::parse).toList(),
                        pages.get(s.observationKey()));
                assertEquals(
                    s.logLikelihood(),
                    generating.logLikelihood(state, ActionParser.parse(s.command())),
                    1e-9,
                    key);
                checkedSteps++;
              }
            }
          }
        }
      }
      assertTrue(checkedPairs > 0, "pairs were checked");
      assertTrue(checkedProposals > 0, "searched trees' proposals were checked");
      assertTrue(checkedLabels > 0, "checked episodes' labels were checked");
      assertTrue(checkedSteps > 0, "sampled steps were checked");
    }
  }
}
