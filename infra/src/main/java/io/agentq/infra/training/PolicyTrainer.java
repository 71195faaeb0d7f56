package io.agentq.infra.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.agentq.core.training.Decision;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Objective;
import io.agentq.core.training.Preference;
import io.agentq.core.training.TrainingConfig;
import io.agentq.core.training.TrainingDiverged;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One DJL training loop for every objective of the ladder: imitation (behaviour cloning, RFT) on
 * decisions, DPO on preferences (Agent Q's node-level pairs, outcome DPO's trajectory pairs).
 *
 * <p>A batch pads the candidate sets of its decisions to the largest one and masks the padding by
 * adding -1e9 to its scores before the log-softmax (DJL's {@code sequenceMask} is not implemented
 * in the PyTorch engine). For DPO, a side's log-likelihood is the sum of its decisions' (one for a
 * node-level pair, a whole trajectory for outcome DPO), and over the pairs i of a batch, with
 * weights w_i,
 *
 * <pre>
 *   m_i = beta * [ (log pi(w_i) - r_w) - (log pi(l_i) - r_l) ]
 *   L = sum_i w_i [ softplus(-m_i) + lambda * (-log pi(w_i)) ] / sum_i w_i
 * </pre>
 *
 * <p>Adam starts afresh at every epoch, and the order of the examples in epoch e depends only on
 * the seed and e: so the weights saved after an epoch are the whole state of a run, and a run
 * resumed from them ends exactly where an unbroken one does.
 */
public final class PolicyTrainer {
  private static final float MASKED = -1e9f;

  /** Receives each finished epoch: its weights and every epoch's metrics so far. */
  public interface EpochSink {
    void saved(int epoch, byte[] weights, List<EpochMetrics> metrics);
  }

  /** What a run produced. */
  public record Result(List<EpochMetrics> metrics, int resumedAfterEpoch) {
    public Result {
      metrics = List.copyOf(metrics);
    }

    public EpochMetrics last() {
      return metrics.get(metrics.size() - 1);
    }
  }

  private final TrainingConfig config;

  public PolicyTrainer(TrainingConfig config) {
    this.config = config;
  }

  /** Imitation: maximise log pi(chosen | page) over the decisions. */
  public Result imitate(
      PolicyNetwork net, List<Decision> decisions, Resume resume, EpochSink sink) {
    require(config.objective() == Objective.IMITATION, "imitate needs the imitation objective");
    require(!decisions.isEmpty(), "no decisions to learn from");
    return run(
        net,
        decisions.size(),
        resume,
        sink,
        (m, trainer, idx) -> imitationBatch(m, trainer, decisions, idx));
  }

  /** DPO on preferences, the reference log-likelihoods taken from the pairs. */
  public Result prefer(PolicyNetwork net, List<Preference> pairs, Resume resume, EpochSink sink) {
    require(config.objective() == Objective.DPO, "prefer needs the DPO objective");
    require(!pairs.isEmpty(), "no preference pairs to learn from");
    return run(
        net, pairs.size(), resume, sink, (m, trainer, idx) -> dpoBatch(m, trainer, pairs, idx));
  }

  /**
   * The mean loss, accuracy and margin of the network as it is, without training (for held-back
   * pairs, and for tests against the plain-Java reference).
   */
  public EpochMetrics measure(PolicyNetwork net, List<Preference> pairs, List<Decision> decisions) {
    boolean dpo = config.objective() == Objective.DPO;
    int size = dpo ? pairs.size() : decisions.size();
    require(size > 0, "nothing to measure");
    long start = System.nanoTime();
    double loss = 0;
    double correct = 0;
    double margin = 0;
    for (int from = 0; from < size; from += config.batchSize()) {
      int[] idx = new int[Math.min(size, from + config.batchSize()) - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      try (NDManager m = net.model().getNDManager().newSubManager()) {
        UnaryOperator<NDArray> scorer = x -> net.scores(new ParameterStore(m, false), x, false);
        BatchLoss b =
            dpo ? dpoBatch(m, scorer, pairs, idx) : imitationBatch(m, scorer, decisions, idx);
        loss += b.loss().getFloat() * idx.length;
        correct += b.correct();
        margin += b.marginSum();
      }
    }
    return new EpochMetrics(
        0, loss / size, correct / size, margin / size, size, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Where a run starts: from epoch 0 (the network as given) or after a saved epoch, whose weights
   * the caller has loaded into the network.
   */
  public record Resume(int afterEpoch, List<EpochMetrics> metrics) {
    public Resume {
      metrics = List.copyOf(metrics);
    }

    public static Resume fresh() {
      return new Resume(0, List.of());
    }
  }

  /** A batch's loss (to differentiate) and what it measured. */
  private record BatchLoss(NDArray loss, double correct, double marginSum) {}

  private interface BatchStep {
    BatchLoss apply(NDManager batch, UnaryOperator<NDArray> scorer, int[] indices);
  }

  private Result run(PolicyNetwork net, int size, Resume resume, EpochSink sink, BatchStep step) {
    List<EpochMetrics> metrics = new ArrayList<>(resume.metrics());
    for (int epoch = resume.afterEpoch() + 1; epoch <= config.epochs(); epoch++) {
      long start = System.nanoTime();
      int[] order = shuffled(size, epoch);
      double lossSum = 0;
      double correct = 0;
      double marginSum = 0;
      try (Trainer trainer = net.model().newTrainer(trainingConfig())) {
        trainer.initialize(new Shape(1, net.architecture().width())); // keeps loaded weights
        for (int from = 0; from < size; from += config.batchSize()) {
          int[] idx =
              java.util.Arrays.copyOfRange(order, from, Math.min(size, from + config.batchSize()));
          try (NDManager batch = net.model().getNDManager().newSubManager()) {
            BatchLoss b;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              b =
                  step.apply(
                      batch,
                      x -> trainer.forward(new NDList(x)).singletonOrThrow().squeeze(-1),
                      idx);
              gc.backward(b.loss());
            }
            float l = b.loss().getFloat();
            if (!Float.isFinite(l) || l > config.divergenceLimit()) {
              throw new TrainingDiverged(
                  String.format(
                      java.util.Locale.ROOT,
                      "training diverged in epoch %d at example %d: batch loss %s (limit %g);"
                          + " the last good epoch is %d",
                      epoch,
                      from,
                      l,
                      config.divergenceLimit(),
                      epoch - 1));
            }
            trainer.step();
            lossSum += l * idx.length;
            correct += b.correct();
            marginSum += b.marginSum();
          }
        }
      }
      metrics.add(
          new EpochMetrics(
              epoch,
              lossSum / size,
              correct / size,
              marginSum / size,
              size,
              (System.nanoTime() - start) / 1e9));
      sink.saved(epoch, net.write(), List.copyOf(metrics));
    }
    return new Result(metrics, resume.afterEpoch());
  }

  private DefaultTrainingConfig trainingConfig() {
    // The loss is computed here, not by DJL's Loss; the config needs one all the same.
    return new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(
            Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                .build())
        .optDevices(new Device[] {Device.cpu()});
  }

  private int[] shuffled(int size, int epoch) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(config.seed() * 1_000_003L + epoch);
    for (int i = size - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** log pi(chosen) of each decision, as an array of shape (decisions). */
  private static NDArray chosenLogLikelihoods(
      NDManager m, UnaryOperator<NDArray> scorer, List<Decision> ds, double[][] scoresOut) {
    int n = 0;
    int width = ds.get(0).width();
    for (Decision d : ds) {
      n = Math.max(n, d.candidates().length);
    }
    float[] x = new float[ds.size() * n * width];
    float[] mask = new float[ds.size() * n];
    float[] pick = new float[ds.size() * n];
    for (int b = 0; b < ds.size(); b++) {
      Decision d = ds.get(b);
      for (int c = 0; c < n; c++) {
        if (c < d.candidates().length) {
          System.arraycopy(d.candidates()[c], 0, x, (b * n + c) * width, width);
        } else {
          mask[b * n + c] = MASKED;
        }
      }
      pick[b * n + d.chosen()] = 1;
    }
    NDArray scores =
        scorer
            .apply(m.create(x, new Shape(ds.size(), n, width)))
            .add(m.create(mask, new Shape(ds.size(), n)));
    if (scoresOut != null) {
      float[] s = scores.toFloatArray();
      for (int b = 0; b < ds.size(); b++) {
        scoresOut[b] = new double[ds.get(b).candidates().length];
        for (int c = 0; c < scoresOut[b].length; c++) {
          scoresOut[b][c] = s[b * n + c];
        }
      }
    }
    return scores.logSoftmax(1).mul(m.create(pick, new Shape(ds.size(), n))).sum(new int[] {1});
  }

  private BatchLoss imitationBatch(
      NDManager m, UnaryOperator<NDArray> scorer, List<Decision> all, int[] idx) {
    List<Decision> ds = new ArrayList<>();
    for (int i : idx) {
      ds.add(all.get(i));
    }
    double[][] scores = new double[ds.size()][];
    NDArray ll = chosenLogLikelihoods(m, scorer, ds, scores);
    int correct = 0;
    for (int b = 0; b < ds.size(); b++) {
      int best = 0;
      for (int c = 1; c < scores[b].length; c++) {
        if (scores[b][c] > scores[b][best]) {
          best = c;
        }
      }
      correct += best == ds.get(b).chosen() ? 1 : 0;
    }
    return new BatchLoss(ll.mean().neg(), correct, 0);
  }

  private BatchLoss dpoBatch(
      NDManager m, UnaryOperator<NDArray> scorer, List<Preference> all, int[] idx) {
    List<Decision> ds = new ArrayList<>();
    int pairs = idx.length;
    List<int[]> sides = new ArrayList<>(); // decision index ranges of each side
    float[] refW = new float[pairs];
    float[] refL = new float[pairs];
    float[] weight = new float[pairs];
    double weightSum = 0;
    boolean unitWeights = true;
    for (int p = 0; p < pairs; p++) {
      Preference pref = all.get(idx[p]);
      int w0 = ds.size();
      ds.addAll(pref.preferred());
      int l0 = ds.size();
      ds.addAll(pref.rejected());
      sides.add(new int[] {w0, l0, ds.size()});
      refW[p] = (float) pref.preferredReference();
      refL[p] = (float) pref.rejectedReference();
      weight[p] = (float) pref.weight();
      weightSum += pref.weight();
      unitWeights &= pref.weight() == 1;
    }
    float[] sumW = new float[pairs * ds.size()];
    float[] sumL = new float[pairs * ds.size()];
    for (int p = 0; p < pairs; p++) {
      int[] s = sides.get(p);
      for (int d = s[0]; d < s[1]; d++) {
        sumW[p * ds.size() + d] = 1;
      }
      for (int d = s[1]; d < s[2]; d++) {
        sumL[p * ds.size() + d] = 1;
      }
    }
    NDArray ll = chosenLogLikelihoods(m, scorer, ds, null).reshape(ds.size(), 1);
    NDArray policyW = m.create(sumW, new Shape(pairs, ds.size())).matMul(ll).reshape(pairs);
    NDArray policyL = m.create(sumL, new Shape(pairs, ds.size())).matMul(ll).reshape(pairs);
    NDArray margin =
        policyW.sub(m.create(refW)).sub(policyL.sub(m.create(refL))).mul((float) config.beta());
    NDArray x = margin.neg();
    // softplus(x) = max(x, 0) + log(1 + exp(-|x|)), without overflow
    NDArray perPair = x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    float total = (float) weightSum;
    // Unit weights take the plain mean, as before pairs had weights, so earlier runs reproduce.
    UnaryOperator<NDArray> mean =
        unitWeights ? NDArray::mean : v -> v.mul(m.create(weight)).sum().div(total);
    NDArray loss = mean.apply(perPair);
    if (config.imitationWeight() > 0) {
      loss = loss.add(mean.apply(policyW).neg().mul((float) config.imitationWeight()));
    }
    float[] mv = margin.toFloatArray();
    double correct = 0;
    double sum = 0;
    for (float v : mv) {
      correct += v > 0 ? 1 : 0;
      sum += v;
    }
    return new BatchLoss(loss, correct, sum);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
