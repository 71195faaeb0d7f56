package io.agentq.infra.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy on logits, the judge's loss: for a logit z = s_theta(x) and the site's
 * outcome y in {0, 1}, with p = sigmoid(z),
 *
 * <pre>
 *   l = -[ y log p + (1 - y) log(1 - p) ] = softplus(z) - y z
 * </pre>
 *
 * averaged over the batch (the softplus form never takes the log of a probability that rounded to
 * 0).
 */
public final class JudgeLoss {
  private JudgeLoss() {}

  /**
   * The batch mean of {@code softplus(z) - y z}; {@code logits} and {@code labels} alike shaped.
   */
  public static NDArray mean(NDArray logits, NDArray labels) {
    return Activation.softPlus(logits).sub(logits.mul(labels)).mean();
  }
}
