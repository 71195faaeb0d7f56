package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.AgentState;
import io.agentq.core.InputException;
import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.Decision;
import io.agentq.core.training.TrainingConfig;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From stored trees to a stored critic: a node's example is its explored proposals' rows (made with
 * all K in view) with the best one chosen; a critic trained on trees where the in-budget product
 * always wins ranks it first; the same training asked again finds the critic it stored.
 */
class CriticTrainingTest {
  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static CriticStore critics;
  static List<String> trees = new ArrayList<>();

  /**
   * On the results page of {@link ListwiseCriticTest}: proposals "Red" (over budget, likelier),
   * "Blue" (in budget), Next, Back to Search; Red and Blue explored, Blue better.
   */
  static TreeSnapshot tree(String episode, String observationKey) {
    NodeState page =
        new NodeState("http://shop/search", observationKey, "Results", false, 0, false, false, "");
    NodeState child =
        new NodeState("http://shop/x", observationKey, "Item", false, 0, false, false, "");
    return new TreeSnapshot(
        episode,
        ListwiseCriticTest.INSTRUCTION,
        SearchConfig.defaults(),
        0,
        List.of(0),
        4,
        4,
        12,
        List.of(),
        List.of(
            new TreeSnapshot.Node(
                0,
                -1,
                0,
                new Proposal("", "", "TYPE [1] [blue cotton t-shirt]", "", -0.2),
                0,
                List.of(1, 2, 3, 4),
                page,
                4,
                0,
                0,
                true),
            new TreeSnapshot.Node(
                1,
                0,
                1,
                new Proposal("", "", "CLICK [4]", "", -0.4),
                0,
                List.of(),
                child,
                2,
                2,
                0.0,
                false),
            new TreeSnapshot.Node(
                2,
                0,
                1,
                new Proposal("", "", "CLICK [3]", "", -1.1),
                0,
                List.of(),
                child,
                2,
                2,
                0.5,
                false),
            new TreeSnapshot.Node(
                3,
                0,
                1,
                new Proposal("", "", "CLICK [2]", "", -2.0),
                0,
                List.of(),
                null,
                0,
                0,
                0,
                false),
            new TreeSnapshot.Node(
                4,
                0,
                1,
                new Proposal("", "", "CLICK [1]", "", -2.5),
                0,
                List.of(),
                null,
                0,
                0,
                0,
                false)));
  }

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq"));
    critics =
        new CriticStore(
            artifacts,
            new ListwiseFeatures(
                ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none())));
    ObservationStore observations = new ObservationStore(artifacts);
    for (int i = 0; i < 6; i++) {
      String episode = "trees-t" + i;
      String key = observations.put(episode, ListwiseCriticTest.resultsPage().page());
      String treeKey = "episodes/" + episode + "/tree.json";
      artifacts.put(treeKey, "tree", tree(episode, key));
      trees.add(treeKey);
    }
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void aNodesExampleIsItsExploredProposalsWithTheBestChosen() {
    CriticTraining training = new CriticTraining(artifacts, critics);
    CriticTraining.Examples x = training.examples(training.trees(trees.subList(0, 1)), 0);
    assertEquals(1, x.decisions().size());
    Decision d = x.decisions().get(0);
    assertEquals(2, d.candidates().length, "Red and Blue; Next and Back were never tried");
    assertEquals(1, d.chosen(), "Blue: Q_mcts .5 against Red's 0");
    AgentState s = ListwiseCriticTest.resultsPage();
    // the page's history is the path to the node: the root has none
    s = new AgentState(s.instruction(), List.of(), s.page());
    float[][] all =
        critics.features().rows(s, CriticTraining.composites(x.targets().get(0).proposals()));
    assertArrayEquals(all[0], d.candidates()[0], "rows made with all four proposals in view");
    assertArrayEquals(all[1], d.candidates()[1]);
    assertEquals(
        0.4f, d.candidates()[0][critics.features().column("k")], 1e-6, "K = 4 (/ 10), not 2");
    assertEquals(0f, x.likelihoodAccuracy(), "the proposer's favourite, Red, is the worse");
    assertEquals(0.5, x.chanceAccuracy(), 1e-12);
  }

  static CriticTraining.Spec spec(List<Integer> hidden) {
    return new CriticTraining.Spec(
        "trees",
        "zero-shot",
        SearchConfig.defaults().budget(),
        6,
        72,
        trees,
        hidden,
        TrainingConfig.imitation().withEpochs(40).withLearningRate(1e-2),
        1.0 / 6,
        0);
  }

  @Test
  void aTrainedCriticIsStoredWithItsLineageAndFoundAgain() {
    CriticTraining training = new CriticTraining(artifacts, critics);
    CriticTraining.Result r = training.train("c0", spec(List.of(8)));
    CriticVersion v = r.version();
    assertEquals("c0", v.version());
    assertEquals(5, v.examples(), "five trees trained on");
    assertEquals(1, v.heldBack(), "the last tree held back");
    assertEquals(trees, v.data(), "lineage: the trees' keys");
    assertEquals("trees", v.runId());
    assertEquals(72, v.interactions());
    assertEquals(1.0, v.validation().accuracy(), "learned: the in-budget product first");
    assertEquals(0.0, v.likelihoodAccuracy());
    ListwiseCritic critic = critics.load("c0");
    AgentState s = ListwiseCriticTest.resultsPage();
    s = new AgentState(s.instruction(), List.of(), s.page());
    List<Integer> ranking =
        critic.rank(
            s,
            CriticTraining.composites(
                tree("x", "k").nodes().stream().skip(1).map(TreeSnapshot.Node::proposal).toList()));
    assertEquals(1, ranking.get(0), "Blue first");

    assertEquals("c0", training.trainedBefore(spec(List.of(8))).orElseThrow().version());
    assertTrue(
        training.trainedBefore(spec(List.of(16))).isEmpty(), "another network is new training");
  }

  @Test
  void treesWithoutAnyComparedNodeAreBadInput() {
    CriticTraining training = new CriticTraining(artifacts, critics);
    CriticTraining.Spec none =
        new CriticTraining.Spec(
            "trees",
            "zero-shot",
            "b",
            6,
            72,
            trees,
            List.of(4),
            TrainingConfig.imitation(),
            0,
            0.9);
    InputException e = assertThrows(InputException.class, () -> training.train("c9", none));
    assertTrue(e.getMessage().contains("no critic examples"), e.getMessage());
    assertTrue(critics.manifest("c9").isEmpty());
  }
}
