package io.agentq.infra.judge;

import io.agentq.core.judge.Judge;
import io.agentq.core.judge.JudgeInput;
import io.agentq.infra.training.PolicyNetwork;

/**
 * The built-in judge: a small MLP (DJL, PyTorch engine, CPU) over the standardised {@link
 * JudgeFeatures} of an episode, its logit turned into a probability by the sigmoid. It sees the
 * instruction, the commands of the condensed history and the final page's judge text (no
 * screenshot, no thoughts); it was trained on the site's own outcomes of labelled episodes ({@link
 * JudgeTraining}). Frozen once trained.
 */
public final class LearnedJudge implements Judge {
  private final String name;
  private final PolicyNetwork network;
  private final JudgeFeatures features;
  private final double[] mean;
  private final double[] scale;
  private final double threshold;

  LearnedJudge(
      String name,
      PolicyNetwork network,
      JudgeFeatures features,
      double[] mean,
      double[] scale,
      double threshold) {
    this.name = name;
    this.network = network;
    this.features = features;
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return name;
  }

  /** The probability from which this judge says success (chosen on dev). */
  public double threshold() {
    return threshold;
  }

  @Override
  public double probability(JudgeInput input) {
    float[] row = standardised(features.row(input), mean, scale);
    double z = network.scores(new float[][] {row})[0];
    return 1 / (1 + Math.exp(-z));
  }

  /** Whether this judge says {@code input}'s episode succeeded (from its threshold). */
  @Override
  public boolean success(JudgeInput input) {
    return probability(input) >= threshold;
  }

  static float[] standardised(float[] row, double[] mean, double[] scale) {
    float[] out = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = (float) ((row[i] - mean[i]) / scale[i]);
    }
    return out;
  }
}
