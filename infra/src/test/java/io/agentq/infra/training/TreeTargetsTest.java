package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.SearchTarget;
import io.agentq.core.training.SoftDecision;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A searched node's soft target over the page's whole candidate set, worked by hand: on the results
 * page of {@link ListwiseCriticTest} (candidates: Back to Search, Next, Blue, Red, scroll down),
 * Blue visited twice with mean return 0.5, Red twice with 0, the rest never, under a uniform prior.
 */
class TreeTargetsTest {
  @TempDir static Path dir;
  static EmbeddedS3 s3;
  static ObservationStore observations;
  static String pageKey;

  @BeforeAll
  static void store() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    observations =
        new ObservationStore(
            new JsonArtifacts(
                S3ArtifactStore.connect(
                    s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "agentq")));
    pageKey = observations.put("targets", ListwiseCriticTest.resultsPage().page());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  /** The same likelihood for every action of the page. */
  static final Policy UNIFORM =
      new Policy() {
        @Override
        public List<CompositeAction> propose(AgentState s, int k, RandomGenerator r) {
          return List.of();
        }

        @Override
        public double logLikelihood(AgentState state, Action action) {
          return Math.log(1.0 / 5);
        }

        @Override
        public String name() {
          return "uniform";
        }
      };

  static TreeTargets targets() {
    return new TreeTargets(
        observations,
        ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none()),
        SearchTarget.defaults());
  }

  @Test
  void theCompletedQTargetCoversEveryCandidateAndKeepsThePriorOfTheUnvisited() {
    TreeTargets.Made m = targets().of(CriticTrainingTest.tree("t1", pageKey), UNIFORM);
    assertEquals(1, m.expanded());
    assertEquals(0, m.ties());
    assertEquals(1, m.targets().size());
    SoftDecision d = m.targets().get(0);
    assertEquals(5, d.candidates().length, "Back to Search, Next, Blue, Red, scroll down");
    // v = (2 * 0.5 + 2 * 0) / 4 = 0.25; completedQ = (.25, .25, .5, 0, .25); q~ = (.5, .5, 1, 0,
    // .5); sigma = (50 + 2) * 0.1 * q~ = (2.6, 2.6, 5.2, 0, 2.6); pi' = e^sigma / (3 e^2.6 + e^5.2
    // + 1) = e^sigma / 222.663
    double[] expected = {0.060467, 0.060467, 0.814107, 0.004491, 0.060467};
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], d.target()[i], 1e-5, "candidate " + i);
    }
  }

  @Test
  void aNodeWhoseVisitedChildrenTieGivesNoTarget() {
    TreeSnapshot t = CriticTrainingTest.tree("t2", pageKey);
    List<TreeSnapshot.Node> nodes = new java.util.ArrayList<>(t.nodes());
    TreeSnapshot.Node red = nodes.get(1);
    nodes.set(
        1,
        new TreeSnapshot.Node(
            red.id(),
            red.parent(),
            red.depth(),
            red.proposal(),
            red.criticValue(),
            red.children(),
            red.state(),
            red.visits(),
            red.edgeVisits(),
            0.5,
            red.expanded()));
    TreeTargets.Made m = targets().of(t.withNodes(nodes), UNIFORM);
    assertEquals(1, m.ties(), "Red and Blue both 0.5: the prior back, a push of nothing");
    assertEquals(List.of(), m.targets());
  }
}
