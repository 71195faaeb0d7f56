package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.agentq.core.training.Decision;
import io.agentq.core.training.DpoLoss;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Preference;
import io.agentq.core.training.SearchTarget;
import io.agentq.core.training.SoftDecision;
import io.agentq.core.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The search objective of {@link PolicyTrainer}: cross-entropy to soft targets, weighted
 * preferences, and the three kinds mixed in one run.
 */
class SoftTargetTrainingTest {
  static final PolicyTrainer.EpochSink NOWHERE = PolicyTrainerTest.NOWHERE;

  /** A network without hidden layer whose score of a one-feature row is the feature itself. */
  static PolicyNetwork identity() {
    PolicyNetwork net =
        PolicyNetwork.initialised(new PolicyNetwork.Architecture("test-identity", 1, List.of()), 1);
    for (Pair<String, Parameter> p : net.model().getBlock().getParameters()) {
      p.getValue().getArray().set(new float[] {p.getKey().endsWith("weight") ? 1f : 0f});
    }
    return net;
  }

  static double[] logSoftmax(double[] scores) {
    double[] out = new double[scores.length];
    for (int c = 0; c < scores.length; c++) {
      out[c] = DpoLoss.logSoftmax(scores, c);
    }
    return out;
  }

  @Test
  void crossEntropyOfTheSpecsWorkedCheck() {
    // pi_theta = (0.6, 0.3, 0.1): rows whose scores are the log-probabilities themselves
    float[][] rows = {{(float) Math.log(0.6)}, {(float) Math.log(0.3)}, {(float) Math.log(0.1)}};
    double[] pi =
        SearchTarget.defaults()
            .completedQPolicy(
                new double[] {Math.log(0.5), Math.log(0.3), Math.log(0.2)},
                new int[] {3, 1, 0},
                new double[] {1.0, 0.0, Double.NaN});
    try (PolicyNetwork net = identity()) {
      assertArrayEquals(
          new double[] {Math.log(0.6), Math.log(0.3), Math.log(0.1)}, net.scores(rows), 1e-6);
      EpochMetrics m =
          new PolicyTrainer(TrainingConfig.search())
              .measure(net, List.of(), List.of(new SoftDecision(rows, pi)), List.of());
      // L = -(0.90146 ln 0.6 + 0.00270 ln 0.3 + 0.09584 ln 0.1)
      //   = 0.90146 * 0.51083 + 0.00270 * 1.20397 + 0.09584 * 2.30259 = 0.68443
      assertEquals(0.68443, m.loss(), 1e-4);
      // H(pi') = 0.33425, so KL(pi' || pi_theta) = 0.68443 - 0.33425 = 0.35018
      assertEquals(0.35018, m.meanKl(), 1e-4);
      assertEquals(1.0, m.accuracy(), "both put the most on the first candidate");
      assertEquals(1, m.examples());
    }
  }

  /** The largest |gradient| over every weight of the network. */
  static double largest(Map<String, float[]> gradient) {
    double max = 0;
    for (float[] g : gradient.values()) {
      for (float v : g) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  @Test
  void aTieTeachesTheNetworksOwnPolicyAndPushesNothing() {
    SplittableRandom r = new SplittableRandom(4);
    try (PolicyNetwork net = PolicyNetwork.initialised(PolicyTrainerTest.SMALL, 13)) {
      List<SoftDecision> ties = new ArrayList<>();
      List<SoftDecision> pushes = new ArrayList<>();
      List<double[]> priors = new ArrayList<>();
      for (double q : new double[] {1.0, 0.0}) {
        float[][] page = PolicyTrainerTest.page(r, 5, 1);
        double[] prior = logSoftmax(net.scores(page));
        int[] visits = {3, 2, 0, 0, 1}; // two candidates the search never proposed
        double[] tie = {q, q, Double.NaN, Double.NaN, q};
        double[] target = SearchTarget.defaults().completedQPolicy(prior, visits, tie);
        ties.add(new SoftDecision(page, target));
        priors.add(prior);
        double[] gap = {q, 1 - q, Double.NaN, Double.NaN, q}; // no tie: a winner is pushed
        pushes.add(
            new SoftDecision(page, SearchTarget.defaults().completedQPolicy(prior, visits, gap)));
      }
      PolicyTrainer trainer = new PolicyTrainer(TrainingConfig.search());
      double tied = largest(trainer.gradient(net, List.of(), ties, List.of()));
      double pushed = largest(trainer.gradient(net, List.of(), pushes, List.of()));
      // pi' - pi_theta is float rounding only, so is every gradient
      assertTrue(tied < 1e-6, "a tie pushes nothing, largest gradient " + tied);
      assertTrue(pushed > 1e-2, "a real difference does push, largest gradient " + pushed);
      for (int i = 0; i < ties.size(); i++) {
        for (int c = 0; c < priors.get(i).length; c++) {
          assertEquals(
              Math.exp(priors.get(i)[c]), ties.get(i).target()[c], 1e-12, "the prior comes back");
        }
      }
    }
  }

  static List<Preference> pairs(SplittableRandom r, int count) {
    List<Preference> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 3 + r.nextInt(4);
      int w = r.nextInt(n);
      out.add(Preference.atNode(PolicyTrainerTest.page(r, n, w), w, (w + 1) % n, -1.2, -1.4));
    }
    return out;
  }

  /** Pages whose target puts 0.9 on the marked candidate and spreads the rest evenly. */
  static List<SoftDecision> soft(SplittableRandom r, int count) {
    List<SoftDecision> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 2 + r.nextInt(5);
      int marked = r.nextInt(n);
      double[] target = new double[n];
      for (int c = 0; c < n; c++) {
        target[c] = c == marked ? 0.9 : 0.1 / (n - 1);
      }
      out.add(new SoftDecision(PolicyTrainerTest.page(r, n, marked), target));
    }
    return out;
  }

  @Test
  void aMixedBatchIsTheWeightedSumOfEachKindsMean() {
    SplittableRandom r = new SplittableRandom(12);
    List<Preference> pairs = pairs(r, 3);
    List<SoftDecision> soft = soft(r, 2);
    List<Decision> decisions = PolicyTrainerTest.decisions(4);
    TrainingConfig search =
        TrainingConfig.search().withSoftWeight(2).withImitationWeight(0.5).withBatchSize(64);
    try (PolicyNetwork net = PolicyNetwork.initialised(PolicyTrainerTest.SMALL, 3)) {
      EpochMetrics dpo = new PolicyTrainer(TrainingConfig.dpo()).measure(net, pairs, List.of());
      EpochMetrics distil =
          new PolicyTrainer(TrainingConfig.search()).measure(net, List.of(), soft, List.of());
      EpochMetrics nll =
          new PolicyTrainer(TrainingConfig.imitation()).measure(net, List.of(), decisions);
      EpochMetrics mixed = new PolicyTrainer(search).measure(net, pairs, soft, decisions);
      assertEquals(dpo.loss() + 2 * distil.loss() + 0.5 * nll.loss(), mixed.loss(), 1e-5);
      assertEquals(dpo.meanMargin(), mixed.meanMargin(), 1e-6, "margin over the pairs only");
      assertEquals(distil.meanKl(), mixed.meanKl(), 1e-6, "KL over the soft decisions only");
      assertEquals(
          (3 * dpo.accuracy() + 2 * distil.accuracy() + 4 * nll.accuracy()) / 9,
          mixed.accuracy(),
          1e-12);
      assertEquals(9, mixed.examples());
    }
  }

  @Test
  void distillingSoftTargetsMovesThePolicyTowardsThem() {
    List<SoftDecision> soft = soft(new SplittableRandom(5), 200);
    TrainingConfig config = TrainingConfig.search().withEpochs(12).withLearningRate(1e-2);
    try (PolicyNetwork net = PolicyNetwork.initialised(PolicyTrainerTest.SMALL, 5)) {
      PolicyTrainer.Result r =
          new PolicyTrainer(config)
              .train(net, List.of(), soft, List.of(), PolicyTrainer.Resume.fresh(), NOWHERE);
      EpochMetrics first = r.metrics().get(0);
      assertTrue(r.last().meanKl() < first.meanKl() / 2, "KL fell: " + r.metrics());
      assertTrue(r.last().accuracy() > 0.95, "accuracy " + r.last());
      assertEquals(0, r.last().meanMargin(), "no pairs, no margin");
    }
  }

  @Test
  void aResumedMixedRunEndsWhereAnUnbrokenRunEnds() {
    SplittableRandom r = new SplittableRandom(30);
    List<Preference> pairs = pairs(r, 40);
    List<SoftDecision> soft = soft(r, 30);
    List<Decision> decisions = PolicyTrainerTest.decisions(25);
    TrainingConfig config =
        TrainingConfig.search()
            .withEpochs(4)
            .withLearningRate(5e-3)
            .withBatchSize(16)
            .withSoftWeight(1.5)
            .withImitationWeight(0.3);
    byte[][] saved = new byte[5][];
    List<List<EpochMetrics>> savedMetrics = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      savedMetrics.add(List.of());
    }
    PolicyTrainer.EpochSink keep =
        (epoch, weights, metrics) -> {
          saved[epoch] = weights;
          savedMetrics.set(epoch, metrics);
        };
    byte[] unbroken;
    List<EpochMetrics> unbrokenMetrics;
    try (PolicyNetwork net = PolicyNetwork.initialised(PolicyTrainerTest.SMALL, 21)) {
      unbrokenMetrics =
          new PolicyTrainer(config)
              .train(net, pairs, soft, decisions, PolicyTrainer.Resume.fresh(), keep)
              .metrics();
      unbroken = net.write();
    }
    try (PolicyNetwork net = PolicyNetwork.read(saved[2], PolicyTrainerTest.SMALL, "epoch 2")) {
      List<EpochMetrics> resumed =
          new PolicyTrainer(config)
              .train(
                  net,
                  pairs,
                  soft,
                  decisions,
                  new PolicyTrainer.Resume(2, savedMetrics.get(2)),
                  NOWHERE)
              .metrics();
      assertArrayEquals(unbroken, net.write(), "same final weights, bit for bit");
      assertEquals(unbrokenMetrics.get(3).loss(), resumed.get(3).loss(), 0.0);
      assertEquals(unbrokenMetrics.get(3).meanKl(), resumed.get(3).meanKl(), 0.0);
      assertEquals(4, resumed.size());
      assertEquals(95, resumed.get(3).examples());
    }
  }

  @Test
  void aSearchRunRefusesWhatItCannotLearnFrom() {
    List<SoftDecision> soft = soft(new SplittableRandom(1), 2);
    try (PolicyNetwork net = PolicyNetwork.initialised(PolicyTrainerTest.SMALL, 1)) {
      PolicyTrainer.Resume fresh = PolicyTrainer.Resume.fresh();
      IllegalArgumentException nothing =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new PolicyTrainer(TrainingConfig.search())
                      .train(net, List.of(), List.of(), List.of(), fresh, NOWHERE));
      assertTrue(nothing.getMessage().startsWith("no preference pairs, soft targets"));
      IllegalArgumentException unweighted =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new PolicyTrainer(TrainingConfig.search().withSoftWeight(0))
                      .train(net, List.of(), soft, List.of(), fresh, NOWHERE));
      assertTrue(unweighted.getMessage().contains("soft-target weight of 0"));
      IllegalArgumentException noLambda =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new PolicyTrainer(TrainingConfig.search())
                      .train(net, List.of(), soft, PolicyTrainerTest.decisions(2), fresh, NOWHERE));
      assertTrue(noLambda.getMessage().contains("imitation weight of 0"));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new PolicyTrainer(TrainingConfig.dpo())
                  .train(net, List.of(), soft, List.of(), fresh, NOWHERE));
    }
  }
}
