package io.agentq.infra.policy;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pretrained sentence encoder all-MiniLM-L6-v2 (ONNX, on CPU), shipped inside a Maven jar, so
 * nothing is downloaded at run time. Vectors are normalised and cached per text: the shop's labels
 * repeat a lot across steps and episodes.
 */
public final class MiniLmEncoder implements SentenceEncoder {
  private static final int CACHE_LIMIT = 200_000;
  private static volatile MiniLmEncoder shared;
  private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  /** One model per process: it holds an ONNX session of about 90 MB. */
  public static MiniLmEncoder shared() {
    if (shared == null) {
      synchronized (MiniLmEncoder.class) {
        if (shared == null) {
          shared = new MiniLmEncoder();
        }
      }
    }
    return shared;
  }

  @Override
  public float[] encode(String text) {
    float[] v = cache.get(text);
    if (v == null) {
      v = normalise(model.embed(text.isBlank() ? "(empty)" : text).content().vector());
      if (cache.size() > CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(text, v);
    }
    return v;
  }

  private static float[] normalise(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float inv = (float) (1.0 / Math.max(1e-12, Math.sqrt(n)));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
