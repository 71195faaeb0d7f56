package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import io.agentq.core.training.Decision;
import io.agentq.core.training.DpoLoss;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Preference;
import io.agentq.core.training.TrainingConfig;
import io.agentq.core.training.TrainingDiverged;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyTrainerTest {
  static final PolicyNetwork.Architecture SMALL =
      new PolicyNetwork.Architecture("test-layout", 3, List.of(8));

  /** n candidates of width 3; the one at {@code marked} has feature 0 set. */
  static float[][] page(SplittableRandom r, int n, int marked) {
    float[][] rows = new float[n][3];
    for (int i = 0; i < n; i++) {
      rows[i][0] = i == marked ? 1 : 0;
      rows[i][1] = (float) r.nextDouble();
      rows[i][2] = (float) r.nextDouble();
    }
    return rows;
  }

  static List<Decision> decisions(int count) {
    SplittableRandom r = new SplittableRandom(7);
    List<Decision> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 2 + r.nextInt(6); // candidate sets of different sizes: padding and masks at work
      int marked = r.nextInt(n);
      out.add(new Decision(page(r, n, marked), marked));
    }
    return out;
  }

  static final PolicyTrainer.EpochSink NOWHERE = (epoch, weights, metrics) -> {};

  @Test
  void dpoLossEqualsThePlainJavaReferenceOnAHandBatch() {
    SplittableRandom r = new SplittableRandom(3);
    float[][] a = page(r, 3, 0);
    float[][] b = page(r, 5, 2);
    List<Preference> pairs =
        List.of(
            Preference.atNode(a, 0, 2, -1.0, -1.5),
            Preference.atNode(b, 2, 4, -0.7, -2.2),
            // a trajectory pair: two decisions against one
            new Preference(
                List.of(new Decision(a, 1), new Decision(b, 3)),
                List.of(new Decision(b, 0)),
                -3.0,
                -1.0));
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 11)) {
      double[] sa = net.scores(a);
      double[] sb = net.scores(b);
      double beta = 0.1;
      double expected =
          (DpoLoss.loss(
                      DpoLoss.margin(
                          beta, DpoLoss.logSoftmax(sa, 0), -1.0, DpoLoss.logSoftmax(sa, 2), -1.5))
                  + DpoLoss.loss(
                      DpoLoss.margin(
                          beta, DpoLoss.logSoftmax(sb, 2), -0.7, DpoLoss.logSoftmax(sb, 4), -2.2))
                  + DpoLoss.loss(
                      DpoLoss.margin(
                          beta,
                          DpoLoss.logSoftmax(sa, 1) + DpoLoss.logSoftmax(sb, 3),
                          -3.0,
                          DpoLoss.logSoftmax(sb, 0),
                          -1.0)))
              / 3;
      EpochMetrics m =
          new PolicyTrainer(TrainingConfig.dpo().withBeta(beta)).measure(net, pairs, List.of());
      assertEquals(expected, m.loss(), 1e-6);
    }
  }

  @Test
  void weightedPairsTakeTheWeightedMeanOfTheirLosses() {
    SplittableRandom r = new SplittableRandom(8);
    float[][] a = page(r, 3, 0);
    float[][] b = page(r, 4, 1);
    List<Preference> pairs =
        List.of(
            Preference.atNode(a, 0, 2, -1.0, -1.5).withWeight(0.5),
            Preference.atNode(b, 1, 3, -0.8, -2.0).withWeight(3.0));
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 17)) {
      double[] sa = net.scores(a);
      double[] sb = net.scores(b);
      double beta = 0.1;
      double wa = DpoLoss.logSoftmax(sa, 0);
      double wb = DpoLoss.logSoftmax(sb, 1);
      double la = DpoLoss.loss(DpoLoss.margin(beta, wa, -1.0, DpoLoss.logSoftmax(sa, 2), -1.5));
      double lb = DpoLoss.loss(DpoLoss.margin(beta, wb, -0.8, DpoLoss.logSoftmax(sb, 3), -2.0));
      TrainingConfig dpo = TrainingConfig.dpo().withBeta(beta);
      EpochMetrics m = new PolicyTrainer(dpo).measure(net, pairs, List.of());
      assertEquals((0.5 * la + 3.0 * lb) / 3.5, m.loss(), 1e-6);
      // the preferred side's NLL term is weighted alike
      EpochMetrics nll =
          new PolicyTrainer(dpo.withImitationWeight(0.2)).measure(net, pairs, List.of());
      assertEquals((0.5 * (la - 0.2 * wa) + 3.0 * (lb - 0.2 * wb)) / 3.5, nll.loss(), 1e-6);
      // unit weights are the plain mean
      EpochMetrics unit =
          new PolicyTrainer(dpo)
              .measure(
                  net, List.of(pairs.get(0).withWeight(1), pairs.get(1).withWeight(1)), List.of());
      assertEquals((la + lb) / 2, unit.loss(), 1e-6);
    }
  }

  @Test
  void imitationLearnsWhichCandidateIsMarked() {
    List<Decision> data = decisions(200);
    TrainingConfig config = TrainingConfig.imitation().withEpochs(15).withLearningRate(1e-2);
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 5)) {
      PolicyTrainer.Result r =
          new PolicyTrainer(config).imitate(net, data, PolicyTrainer.Resume.fresh(), NOWHERE);
      assertEquals(15, r.metrics().size());
      assertTrue(r.last().accuracy() > 0.95, "accuracy " + r.last());
      assertTrue(r.last().loss() < r.metrics().get(0).loss(), "loss fell: " + r.metrics());
    }
  }

  @Test
  void dpoRaisesTheMarginOfPreferredActions() {
    SplittableRandom r = new SplittableRandom(9);
    List<Preference> pairs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = 3 + r.nextInt(4);
      int w = r.nextInt(n);
      int l = (w + 1) % n;
      pairs.add(Preference.atNode(page(r, n, w), w, l, -1.2, -1.2));
    }
    TrainingConfig config = TrainingConfig.dpo().withEpochs(10).withLearningRate(1e-2);
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 5)) {
      PolicyTrainer.Result res =
          new PolicyTrainer(config).prefer(net, pairs, PolicyTrainer.Resume.fresh(), NOWHERE);
      assertTrue(res.last().meanMargin() > 0.1, "margin " + res.last());
      assertTrue(res.last().accuracy() > 0.95, "pair accuracy " + res.last());
    }
  }

  @Test
  void aRunResumedFromASavedEpochEndsWhereAnUnbrokenRunEnds() {
    List<Decision> data = decisions(90);
    TrainingConfig config = TrainingConfig.imitation().withEpochs(4).withLearningRate(5e-3);
    byte[][] saved = new byte[5][];
    List<List<EpochMetrics>> savedMetrics =
        new ArrayList<>(List.of(List.of(), List.of(), List.of(), List.of(), List.of()));
    PolicyTrainer.EpochSink keep =
        (epoch, weights, metrics) -> {
          saved[epoch] = weights;
          savedMetrics.set(epoch, metrics);
        };
    byte[] unbroken;
    List<EpochMetrics> unbrokenMetrics;
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 21)) {
      unbrokenMetrics =
          new PolicyTrainer(config)
              .imitate(net, data, PolicyTrainer.Resume.fresh(), keep)
              .metrics();
      unbroken = net.write();
    }
    // A worker dies after epoch 2; a new one reads epoch 2's weights and goes on.
    try (PolicyNetwork net = PolicyNetwork.read(saved[2], SMALL, "epoch 2")) {
      List<EpochMetrics> resumed =
          new PolicyTrainer(config)
              .imitate(net, data, new PolicyTrainer.Resume(2, savedMetrics.get(2)), NOWHERE)
              .metrics();
      assertArrayEquals(unbroken, net.write(), "same final weights, bit for bit");
      assertEquals(unbrokenMetrics.get(3).loss(), resumed.get(3).loss(), 0.0);
      assertEquals(4, resumed.size());
    }
  }

  @Test
  void aDivergingRunStopsWithAClearErrorAfterItsLastGoodEpoch() {
    List<Decision> data = decisions(64);
    // A loss limit no batch can meet stands in for an exploding loss.
    TrainingConfig config =
        new TrainingConfig(
            io.agentq.core.training.Objective.IMITATION, 3, 16, 1e-3, 0.1, 0, 1e-6, 1);
    List<Integer> savedEpochs = new ArrayList<>();
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 1)) {
      TrainingDiverged e =
          assertThrows(
              TrainingDiverged.class,
              () ->
                  new PolicyTrainer(config)
                      .imitate(
                          net,
                          data,
                          PolicyTrainer.Resume.fresh(),
                          (ep, w, m) -> savedEpochs.add(ep)));
      assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
      assertTrue(e.getMessage().contains("last good epoch is 0"), e.getMessage());
      assertEquals(List.of(), savedEpochs, "nothing diverged was saved");
    }
  }

  @Test
  void weightsOfAnotherArchitectureAreRefused() {
    byte[] bytes;
    try (PolicyNetwork net = PolicyNetwork.initialised(SMALL, 1)) {
      bytes = net.write();
    }
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                PolicyNetwork.read(
                    bytes,
                    new PolicyNetwork.Architecture("other-layout", 5, List.of(8)),
                    "policies/v3/weights.bin"));
    assertTrue(
        e.getMessage().startsWith("policies/v3/weights.bin: weights of another architecture"),
        e.getMessage());
    try (PolicyNetwork back = PolicyNetwork.read(bytes, SMALL, "x")) {
      assertArrayEquals(bytes, back.write(), "weights round-trip exactly");
    }
  }
}
