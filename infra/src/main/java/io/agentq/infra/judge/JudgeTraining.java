package io.agentq.infra.judge;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.agentq.core.InputException;
import io.agentq.core.judge.Agreement;
import io.agentq.core.judge.Verdict;
import io.agentq.infra.training.PolicyNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the built-in judge on labelled episodes: their {@link JudgeFeatures} rows, standardised by
 * the training episodes' mean and deviation, into a small MLP whose logit is fitted to the site's
 * outcome by {@link JudgeLoss} (the plain GradientCollector, backward, step loop; Adam). The
 * threshold from which it says success is the one with the best agreement on the dev episodes,
 * never on held-out ones. Deterministic for a seed: the initial weights and each epoch's order of
 * the episodes come from it.
 */
public final class JudgeTraining {
  /**
   * How a judge is trained; every field is recorded in its manifest.
   *
   * @param hidden the hidden layers' sizes (default 32)
   * @param epochs passes over the training episodes (default 40)
   * @param batchSize episodes per gradient step (default 32)
   * @param learningRate Adam's step size (default 3e-3)
   * @param seed initial weights and the order of the episodes (default 1)
   */
  public record Spec(
      List<Integer> hidden, int epochs, int batchSize, double learningRate, long seed) {
    public Spec {
      hidden = List.copyOf(hidden);
      if (hidden.stream().anyMatch(h -> h < 1)) {
        throw new InputException("judge: hidden layer sizes must be positive, got " + hidden);
      }
      if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
        throw new InputException("judge: epochs, batch size and learning rate must be positive");
      }
    }

    public static Spec defaults() {
      return new Spec(List.of(32), 40, 32, 3e-3, 1);
    }
  }

  /** What a training produced: the stored manifest and the judge, ready to use. */
  public record Result(JudgeVersion version, LearnedJudge judge, Agreement dev, double seconds) {}

  private final JudgeStore store;

  public JudgeTraining(JudgeStore store) {
    this.store = store;
  }

  /**
   * Trains on {@code train}, chooses the threshold on {@code dev} and stores the judge as {@code
   * version}; the keys name where the episodes are kept, for the manifest.
   */
  public Result train(
      String version,
      Spec spec,
      List<LabelledEpisode> train,
      List<LabelledEpisode> dev,
      List<String> trainingData,
      List<String> devData) {
    long start = System.nanoTime();
    List<LabelledEpisode> usable = ran(train);
    List<LabelledEpisode> devUsable = ran(dev);
    if (usable.isEmpty()) {
      throw new InputException(
          "judge: no labelled training episodes (" + train.size() + " given, none ran)");
    }
    if (usable.stream().allMatch(LabelledEpisode::success)
        || usable.stream().noneMatch(LabelledEpisode::success)) {
      throw new InputException(
          "judge: the "
              + usable.size()
              + " training episodes all have the same outcome; collect episodes of varied quality");
    }
    if (devUsable.isEmpty()) {
      throw new InputException("judge: no dev episodes to choose the threshold on");
    }
    JudgeFeatures features =
        new JudgeFeatures(
            JudgeFeatures.filler(
                usable.stream()
                    .filter(LabelledEpisode::success)
                    .map(LabelledEpisode::input)
                    .toList()));
    float[][] x = new float[usable.size()][];
    float[] y = new float[usable.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = features.row(usable.get(i).input());
      y[i] = usable.get(i).success() ? 1 : 0;
    }
    double[] mean = new double[features.width()];
    double[] scale = new double[features.width()];
    moments(x, mean, scale);
    for (int i = 0; i < x.length; i++) {
      x[i] = LearnedJudge.standardised(x[i], mean, scale);
    }
    PolicyNetwork net =
        PolicyNetwork.initialised(JudgeStore.architecture(features, spec.hidden()), spec.seed());
    List<Double> losses = fit(net, x, y, spec);
    LearnedJudge provisional =
        new LearnedJudge(JudgeStore.PREFIX + version, net, features, mean, scale, 0.5);
    List<Verdict> devVerdicts = verdicts(provisional, devUsable);
    double threshold = Agreement.bestThreshold(devVerdicts);
    Agreement devAgreement = Agreement.of(devVerdicts, threshold);
    LearnedJudge judge =
        new LearnedJudge(JudgeStore.PREFIX + version, net, features, mean, scale, threshold);
    Map<String, List<Integer>> counts = new LinkedHashMap<>();
    count(counts, usable);
    count(counts, devUsable);
    JudgeVersion v =
        new JudgeVersion(
            version,
            "outcome judge on "
                + usable.size()
                + " labelled train episodes ("
                + String.join(", ", sources(usable))
                + "), threshold chosen on "
                + devUsable.size()
                + " dev episodes",
            net.architecture().describe(),
            spec.hidden(),
            features.layout(),
            boxed(mean),
            boxed(scale),
            features.filler().stream().sorted().toList(),
            threshold,
            spec.epochs(),
            spec.batchSize(),
            spec.learningRate(),
            spec.seed(),
            losses,
            trainingData,
            devData,
            counts,
            Map.of(
                "tp", devAgreement.tp(),
                "fp", devAgreement.fp(),
                "tn", devAgreement.tn(),
                "fn", devAgreement.fn()),
            Instant.now().toString());
    store.save(v, net.write());
    return new Result(v, judge, devAgreement, (System.nanoTime() - start) / 1e9);
  }

  /** The judge's verdicts on the episodes that ran, beside the site's outcomes. */
  public static List<Verdict> verdicts(LearnedJudge judge, List<LabelledEpisode> episodes) {
    List<Verdict> out = new ArrayList<>();
    for (LabelledEpisode e : ran(episodes)) {
      out.add(new Verdict(judge.probability(e.input()), e.success()));
    }
    return out;
  }

  /** The episodes that ran to their end (a failed run has no outcome to learn). */
  public static List<LabelledEpisode> ran(List<LabelledEpisode> episodes) {
    return episodes.stream().filter(e -> e.failure() == null).toList();
  }

  /** Adam on the mean BCE, {@code spec.epochs()} passes; the mean loss of each epoch. */
  static List<Double> fit(PolicyNetwork net, float[][] x, float[] y, Spec spec) {
    List<Double> losses = new ArrayList<>();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.l2Loss()) // the loss is JudgeLoss; DJL wants one named
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
                    .build())
            .optDevices(new Device[] {Device.cpu()});
    int n = x.length;
    int width = x[0].length;
    try (Trainer trainer = net.model().newTrainer(config)) {
      trainer.initialize(new Shape(1, width)); // keeps the seeded weights
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        int[] order = shuffled(n, spec.seed() * 1_000_003L + epoch);
        double sum = 0;
        for (int from = 0; from < n; from += spec.batchSize()) {
          int to = Math.min(n, from + spec.batchSize());
          float[] bx = new float[(to - from) * width];
          float[] by = new float[to - from];
          for (int i = from; i < to; i++) {
            System.arraycopy(x[order[i]], 0, bx, (i - from) * width, width);
            by[i - from] = y[order[i]];
          }
          try (NDManager m = net.model().getNDManager().newSubManager()) {
            NDArray xs = m.create(bx, new Shape(to - from, width));
            NDArray ys = m.create(by);
            NDArray loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray z = trainer.forward(new NDList(xs)).singletonOrThrow().squeeze(-1);
              loss = JudgeLoss.mean(z, ys);
              gc.backward(loss);
            }
            trainer.step();
            sum += loss.getFloat() * (to - from);
          }
        }
        losses.add(sum / n);
      }
    }
    return losses;
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Each column's mean and standard deviation (1 where the column is constant). */
  static void moments(float[][] x, double[] mean, double[] scale) {
    int n = x.length;
    for (float[] row : x) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j] / (double) n;
      }
    }
    for (float[] row : x) {
      for (int j = 0; j < mean.length; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < scale.length; j++) {
      scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
    }
  }

  private static void count(Map<String, List<Integer>> counts, List<LabelledEpisode> episodes) {
    for (LabelledEpisode e : episodes) {
      String k = e.site() + "/" + e.split() + "/" + e.source();
      List<Integer> c = counts.getOrDefault(k, List.of(0, 0));
      counts.put(k, List.of(c.get(0) + 1, c.get(1) + (e.success() ? 1 : 0)));
    }
  }

  private static List<String> sources(List<LabelledEpisode> episodes) {
    return episodes.stream().map(e -> e.site() + "/" + e.source()).distinct().sorted().toList();
  }

  private static List<Double> boxed(double[] xs) {
    List<Double> out = new ArrayList<>();
    for (double d : xs) {
      out.add(d);
    }
    return out;
  }
}
