package io.agentq.infra.artifacts;

import io.agentq.core.Observation;
import io.agentq.core.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the agent saw, in the artifact store. Pages under content-addressed keys, {@code
 * episodes/{episode}/obs/{sha-256 prefix}.json}, with an in-process cache: workers in the same
 * process never read back what they just wrote, and a page seen twice is stored once. When asked
 * (an episode run with {@code --screens}), a page's PNG screenshot beside it under the same name,
 * {@code .png} ({@link #screenKey}); and a failed episode's Playwright trace ({@link #traceKey}).
 */
public final class ObservationStore {
  private static final int CACHE = 20_000;

  /** A page this process stored or read, and whether its screenshot is stored too. */
  private record Seen(Observation page, boolean screened) {}

  private final JsonArtifacts artifacts;
  private final Map<String, Seen> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> e) {
          return size() > CACHE;
        }
      };

  public ObservationStore(JsonArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  public String put(String episodeId, Observation o) {
    return put(episodeId, o, null);
  }

  /**
   * Stores {@code o} and returns its key; with a {@code screen}, also the page's screenshot beside
   * it, taken only the first time this process stores that page (a page seen twice is the same
   * page: same URL, title and text). A screen that gives nothing (no browser) stores nothing.
   */
  public String put(String episodeId, Observation o, Supplier<Optional<byte[]>> screen) {
    String key =
        StoreKeys.observation(episodeId, digest(o.url() + "\n" + o.title() + "\n" + o.text()));
    Seen seen;
    synchronized (cache) {
      seen = cache.get(key);
    }
    if (seen != null && (seen.screened() || screen == null)) {
      return key;
    }
    if (seen == null) {
      artifacts.put(key, "observation", o);
    }
    boolean screened = false;
    if (screen != null) {
      Optional<byte[]> png = screen.get();
      if (png.isPresent()) {
        artifacts.store().put(screenKey(key), png.get(), "image/png");
        screened = true;
      }
    }
    synchronized (cache) {
      cache.put(key, new Seen(o, screened));
    }
    return key;
  }

  public Observation get(String key) {
    synchronized (cache) {
      Seen seen = cache.get(key);
      if (seen != null) {
        return seen.page();
      }
    }
    Observation o =
        artifacts
            .get(key, Observation.class)
            .orElseThrow(() -> new IllegalStateException("no observation stored under " + key));
    synchronized (cache) {
      cache.putIfAbsent(key, new Seen(o, false));
    }
    return o;
  }

  /** Where the screenshot of the page stored under {@code observationKey} is, if one was taken. */
  public static String screenKey(String observationKey) {
    return observationKey.replaceAll("\\.json$", "") + ".png";
  }

  /** Where a failed episode's Playwright trace is, if one was recorded. */
  public static String traceKey(String episodeId) {
    return StoreKeys.episode(episodeId, "trace.zip");
  }

  /** Keeps a Playwright trace of {@code episodeId}; returns its key. */
  public String putTrace(String episodeId, byte[] zip) {
    String key = traceKey(episodeId);
    artifacts.store().put(key, zip, "application/zip");
    return key;
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
