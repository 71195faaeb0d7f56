package io.agentq.infra.artifacts;

import io.agentq.core.Observation;
import io.agentq.core.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Page observations in the artifact store under content-addressed keys, {@code
 * episodes/{episode}/obs/{sha-256 prefix}.json}, with an in-process cache: workers in the same
 * process never read back what they just wrote, and a page seen twice is stored once.
 */
public final class ObservationStore {
  private static final int CACHE = 20_000;
  private final JsonArtifacts artifacts;
  private final Map<String, Observation> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Observation> e) {
          return size() > CACHE;
        }
      };

  public ObservationStore(JsonArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  public String put(String episodeId, Observation o) {
    String key =
        StoreKeys.observation(episodeId, digest(o.url() + "\n" + o.title() + "\n" + o.text()));
    synchronized (cache) {
      if (cache.containsKey(key)) {
        return key;
      }
    }
    artifacts.put(key, "observation", o);
    synchronized (cache) {
      cache.put(key, o);
    }
    return key;
  }

  public Observation get(String key) {
    synchronized (cache) {
      Observation o = cache.get(key);
      if (o != null) {
        return o;
      }
    }
    Observation o =
        artifacts
            .get(key, Observation.class)
            .orElseThrow(() -> new IllegalStateException("no observation stored under " + key));
    synchronized (cache) {
      cache.put(key, o);
    }
    return o;
  }

  private static String digest(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
