package io.agentq.infra.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.agentq.core.training.Decision;
import io.agentq.core.training.DpoLoss;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Objective;
import io.agentq.core.training.Preference;
import io.agentq.core.training.SoftDecision;
import io.agentq.core.training.TrainingConfig;
import io.agentq.core.training.TrainingDiverged;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One DJL training loop for every objective of the ladder: imitation (behaviour cloning, RFT) on
 * decisions, DPO on preferences (Agent Q's node-level pairs, outcome DPO's trajectory pairs), and
 * the search objective that mixes DPO, soft targets of searched nodes and imitation in one run.
 *
 * <p>A batch pads the candidate sets of its decisions to the largest one and masks the padding by
 * adding -1e9 to its scores before the log-softmax (DJL's {@code sequenceMask} is not implemented
 * in the PyTorch engine). For DPO, a side's log-likelihood is the sum of its decisions' (one for a
 * node-level pair, a whole trajectory for outcome DPO), and over the pairs i of a batch, with
 * weights w_i,
 *
 * <pre>
 *   m_i = beta * [ (log pi(w_i) - r_w) - (log pi(l_i) - r_l) ]
 *   L_dpo = sum_i w_i [ softplus(-m_i) + lambda * (-log pi(w_i)) ] / sum_i w_i
 * </pre>
 *
 * (lambda: the DPO objective's preferred-side NLL weight; 0 in the search objective, whose NLL is
 * on imitation decisions of its own). A soft decision with target pi' costs the cross-entropy
 * {@code -sum_a pi'(a) log pi(a | h)}. The search objective minimises, per batch,
 *
 * <pre>
 *   L = 1 * L_dpo + softWeight * mean(cross-entropy) + imitationWeight * mean(-log pi(a* | h))
 * </pre>
 *
 * each mean taken over that kind's examples in the batch, a kind absent from the batch adding
 * nothing.
 *
 * <p>Adam starts afresh at every epoch, and the order of the examples in epoch e depends only on
 * the seed and e (all kinds shuffled together): so the weights saved after an epoch are the whole
 * state of a run, and a run resumed from them ends exactly where an unbroken one does.
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
    return run(net, new Examples(List.of(), List.of(), decisions), resume, sink);
  }

  /** DPO on preferences, the reference log-likelihoods taken from the pairs. */
  public Result prefer(PolicyNetwork net, List<Preference> pairs, Resume resume, EpochSink sink) {
    require(config.objective() == Objective.DPO, "prefer needs the DPO objective");
    require(!pairs.isEmpty(), "no preference pairs to learn from");
    return run(net, new Examples(pairs, List.of(), List.of()), resume, sink);
  }

  /**
   * The search objective: DPO on {@code pairs} (weight 1), the cross-entropy to the targets of
   * {@code soft} (weight {@link TrainingConfig#softWeight()}) and -log pi(a* | h) on {@code
   * imitation} (weight {@link TrainingConfig#imitationWeight()}), all examples shuffled together.
   * Any list may be empty, not all; a list given with a weight of 0 is refused as a mistake.
   */
  public Result train(
      PolicyNetwork net,
      List<Preference> pairs,
      List<SoftDecision> soft,
      List<Decision> imitation,
      Resume resume,
      EpochSink sink) {
    require(config.objective() == Objective.SEARCH, "train needs the search objective");
    Examples examples = new Examples(pairs, soft, imitation);
    require(examples.size() > 0, "no preference pairs, soft targets or decisions to learn from");
    requireWeights(examples);
    return run(net, examples, resume, sink);
  }

  /**
   * The mean loss, accuracy and margin of the network as it is, without training (for held-back
   * pairs, and for tests against the plain-Java reference).
   */
  public EpochMetrics measure(PolicyNetwork net, List<Preference> pairs, List<Decision> decisions) {
    return measure(net, pairs, List.of(), decisions);
  }

  /**
   * As {@link #measure(PolicyNetwork, List, List)}, with soft decisions: the objective decides what
   * is read (imitation: the decisions; DPO: the pairs; search: all three).
   */
  public EpochMetrics measure(
      PolicyNetwork net,
      List<Preference> pairs,
      List<SoftDecision> soft,
      List<Decision> decisions) {
    Examples examples = read(pairs, soft, decisions);
    require(examples.size() > 0, "nothing to measure");
    requireWeights(examples);
    long start = System.nanoTime();
    Tally tally = new Tally();
    for (int from = 0; from < examples.size(); from += config.batchSize()) {
      int[] idx = new int[Math.min(examples.size(), from + config.batchSize()) - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      try (NDManager m = net.model().getNDManager().newSubManager()) {
        UnaryOperator<NDArray> scorer = x -> net.scores(new ParameterStore(m, false), x, false);
        BatchLoss b = batch(m, scorer, examples, idx);
        tally.add(b.loss().getFloat(), idx.length, b);
      }
    }
    return tally.metrics(0, examples, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The gradient of the objective on the given examples taken as one batch, per parameter, without
   * a step: what training would push (read by tests; Adam's first step moves every weight by about
   * the learning rate whatever the gradient's size, so the weights after a step cannot show it).
   */
  Map<String, float[]> gradient(
      PolicyNetwork net,
      List<Preference> pairs,
      List<SoftDecision> soft,
      List<Decision> decisions) {
    Examples examples = read(pairs, soft, decisions);
    require(examples.size() > 0, "nothing to differentiate");
    int[] all = new int[examples.size()];
    Arrays.setAll(all, i -> i);
    try (Trainer trainer = net.model().newTrainer(trainingConfig())) {
      trainer.initialize(new Shape(1, net.architecture().width())); // keeps loaded weights
      try (NDManager batch = net.model().getNDManager().newSubManager()) {
        try (GradientCollector gc = trainer.newGradientCollector()) {
          gc.backward(
              batch(
                      batch,
                      x -> trainer.forward(new NDList(x)).singletonOrThrow().squeeze(-1),
                      examples,
                      all)
                  .loss());
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.model().getBlock().getParameters()) {
          out.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
      }
    }
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

  /**
   * The examples of a run, indexed as one list: the pairs first, then the soft decisions, then the
   * imitation decisions. The shuffle permutes these indices, so every kind is mixed into every
   * batch.
   */
  private record Examples(
      List<Preference> pairs, List<SoftDecision> soft, List<Decision> imitation) {
    Examples {
      pairs = List.copyOf(pairs);
      soft = List.copyOf(soft);
      imitation = List.copyOf(imitation);
    }

    int size() {
      return pairs.size() + soft.size() + imitation.size();
    }
  }

  /** A batch's loss (to differentiate) and what it measured. */
  private record BatchLoss(NDArray loss, double correct, double marginSum, double klSum) {}

  /** What an epoch (or a measurement) has added up so far. */
  private static final class Tally {
    double loss;
    double correct;
    double margin;
    double kl;

    void add(float batchLoss, int examples, BatchLoss b) {
      loss += batchLoss * examples;
      correct += b.correct();
      margin += b.marginSum();
      kl += b.klSum();
    }

    EpochMetrics metrics(int epoch, Examples examples, double seconds) {
      int size = examples.size();
      return new EpochMetrics(
          epoch,
          loss / size,
          correct / size,
          examples.pairs().isEmpty() ? 0 : margin / examples.pairs().size(),
          size,
          seconds,
          examples.soft().isEmpty() ? 0 : kl / examples.soft().size());
    }
  }

  /** The lists the objective reads. */
  private Examples read(List<Preference> pairs, List<SoftDecision> soft, List<Decision> decisions) {
    return switch (config.objective()) {
      case IMITATION -> new Examples(List.of(), List.of(), decisions);
      case DPO -> new Examples(pairs, List.of(), List.of());
      case SEARCH -> new Examples(pairs, soft, decisions);
    };
  }

  private void requireWeights(Examples examples) {
    require(
        examples.soft().isEmpty() || config.softWeight() > 0,
        examples.soft().size()
            + " soft targets were given with a soft-target weight of 0: give them a weight,"
            + " or leave them out");
    require(
        examples.imitation().isEmpty() || imitationWeight() > 0,
        examples.imitation().size()
            + " imitation decisions were given with an imitation weight of 0: give them a"
            + " weight, or leave them out");
  }

  /**
   * The weight of the NLL on imitation decisions: the whole loss of imitation, lambda in search.
   */
  private double imitationWeight() {
    return config.objective() == Objective.IMITATION ? 1 : config.imitationWeight();
  }

  /** lambda of the NLL on the preferred side of pairs: the DPO objective's alone. */
  private double preferredImitationWeight() {
    return config.objective() == Objective.DPO ? config.imitationWeight() : 0;
  }

  private Result run(PolicyNetwork net, Examples examples, Resume resume, EpochSink sink) {
    int size = examples.size();
    List<EpochMetrics> metrics = new ArrayList<>(resume.metrics());
    for (int epoch = resume.afterEpoch() + 1; epoch <= config.epochs(); epoch++) {
      long start = System.nanoTime();
      int[] order = shuffled(size, epoch);
      Tally tally = new Tally();
      try (Trainer trainer = net.model().newTrainer(trainingConfig())) {
        trainer.initialize(new Shape(1, net.architecture().width())); // keeps loaded weights
        for (int from = 0; from < size; from += config.batchSize()) {
          int[] idx = Arrays.copyOfRange(order, from, Math.min(size, from + config.batchSize()));
          try (NDManager batch = net.model().getNDManager().newSubManager()) {
            BatchLoss b;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              b =
                  batch(
                      batch,
                      x -> trainer.forward(new NDList(x)).singletonOrThrow().squeeze(-1),
                      examples,
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
            tally.add(l, idx.length, b);
          }
        }
      }
      metrics.add(tally.metrics(epoch, examples, (System.nanoTime() - start) / 1e9));
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

  /**
   * The batch's objective: each kind's mean loss over its examples among {@code idx}, weighted and
   * summed (a kind of weight 1 enters unscaled, so a one-kind batch computes exactly what it did
   * before kinds were mixed).
   */
  private BatchLoss batch(
      NDManager m, UnaryOperator<NDArray> scorer, Examples examples, int[] idx) {
    int pairs = examples.pairs().size();
    int soft = examples.soft().size();
    int[] p = Arrays.stream(idx).filter(i -> i < pairs).toArray();
    int[] s =
        Arrays.stream(idx)
            .filter(i -> i >= pairs && i < pairs + soft)
            .map(i -> i - pairs)
            .toArray();
    int[] d =
        Arrays.stream(idx).filter(i -> i >= pairs + soft).map(i -> i - pairs - soft).toArray();
    List<BatchLoss> parts = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    if (p.length > 0) {
      parts.add(dpoBatch(m, scorer, examples.pairs(), p));
      weights.add(1.0);
    }
    if (s.length > 0) {
      parts.add(softBatch(m, scorer, examples.soft(), s));
      weights.add(config.softWeight());
    }
    if (d.length > 0) {
      parts.add(imitationBatch(m, scorer, examples.imitation(), d));
      weights.add(imitationWeight());
    }
    NDArray loss = null;
    double correct = 0;
    double margin = 0;
    double kl = 0;
    for (int k = 0; k < parts.size(); k++) {
      BatchLoss b = parts.get(k);
      double w = weights.get(k);
      NDArray term = w == 1 ? b.loss() : b.loss().mul((float) w);
      loss = loss == null ? term : loss.add(term);
      correct += b.correct();
      margin += b.marginSum();
      kl += b.klSum();
    }
    return new BatchLoss(loss, correct, margin, kl);
  }

  /**
   * The scores of a batch of pages, shape (pages, most candidates), padding masked; {@code
   * scoresOut}, if given, receives each page's own scores.
   */
  private static NDArray maskedScores(
      NDManager m, UnaryOperator<NDArray> scorer, List<float[][]> pages, double[][] scoresOut) {
    int n = 0;
    int width = pages.get(0)[0].length;
    for (float[][] page : pages) {
      n = Math.max(n, page.length);
    }
    float[] x = new float[pages.size() * n * width];
    float[] mask = new float[pages.size() * n];
    for (int b = 0; b < pages.size(); b++) {
      float[][] page = pages.get(b);
      for (int c = 0; c < n; c++) {
        if (c < page.length) {
          System.arraycopy(page[c], 0, x, (b * n + c) * width, width);
        } else {
          mask[b * n + c] = MASKED;
        }
      }
    }
    NDArray scores =
        scorer
            .apply(m.create(x, new Shape(pages.size(), n, width)))
            .add(m.create(mask, new Shape(pages.size(), n)));
    if (scoresOut != null) {
      float[] s = scores.toFloatArray();
      for (int b = 0; b < pages.size(); b++) {
        scoresOut[b] = new double[pages.get(b).length];
        for (int c = 0; c < scoresOut[b].length; c++) {
          scoresOut[b][c] = s[b * n + c];
        }
      }
    }
    return scores;
  }

  /** log pi(chosen) of each decision, as an array of shape (decisions). */
  private static NDArray chosenLogLikelihoods(
      NDManager m, UnaryOperator<NDArray> scorer, List<Decision> ds, double[][] scoresOut) {
    NDArray scores =
        maskedScores(m, scorer, ds.stream().map(Decision::candidates).toList(), scoresOut);
    long n = scores.getShape().get(1);
    float[] pick = new float[(int) (ds.size() * n)];
    for (int b = 0; b < ds.size(); b++) {
      pick[(int) (b * n) + ds.get(b).chosen()] = 1;
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
      correct += argmax(scores[b]) == ds.get(b).chosen() ? 1 : 0;
    }
    return new BatchLoss(ll.mean().neg(), correct, 0, 0);
  }

  /**
   * The mean cross-entropy -sum_a pi'(a) log pi(a | h) of the soft decisions; measures the share
   * whose best-scored candidate is the target's most probable and the sum of KL(pi' || pi).
   */
  private static BatchLoss softBatch(
      NDManager m, UnaryOperator<NDArray> scorer, List<SoftDecision> all, int[] idx) {
    List<SoftDecision> ds = new ArrayList<>();
    for (int i : idx) {
      ds.add(all.get(i));
    }
    double[][] scores = new double[ds.size()][];
    NDArray logPolicy =
        maskedScores(m, scorer, ds.stream().map(SoftDecision::candidates).toList(), scores)
            .logSoftmax(1);
    long n = logPolicy.getShape().get(1);
    float[] target = new float[(int) (ds.size() * n)]; // 0 on the padding
    double correct = 0;
    double kl = 0;
    for (int b = 0; b < ds.size(); b++) {
      double[] t = ds.get(b).target();
      for (int c = 0; c < t.length; c++) {
        target[(int) (b * n) + c] = (float) t[c];
        if (t[c] > 0) {
          kl += t[c] * (Math.log(t[c]) - DpoLoss.logSoftmax(scores[b], c));
        }
      }
      correct += argmax(scores[b]) == argmax(t) ? 1 : 0;
    }
    NDArray crossEntropy =
        logPolicy.mul(m.create(target, new Shape(ds.size(), n))).sum(new int[] {1}).neg();
    return new BatchLoss(crossEntropy.mean(), correct, 0, kl);
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
    double lambda = preferredImitationWeight();
    if (lambda > 0) {
      loss = loss.add(mean.apply(policyW).neg().mul((float) lambda));
    }
    float[] mv = margin.toFloatArray();
    double correct = 0;
    double sum = 0;
    for (float v : mv) {
      correct += v > 0 ? 1 : 0;
      sum += v;
    }
    return new BatchLoss(loss, correct, sum, 0);
  }

  /** The first index of the largest value. */
  private static int argmax(double[] values) {
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
