package io.agentq.infra.policy;

/** Maps a text to a unit-length vector; cosine similarity is then a dot product. */
public interface SentenceEncoder {
  float[] encode(String text);

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
