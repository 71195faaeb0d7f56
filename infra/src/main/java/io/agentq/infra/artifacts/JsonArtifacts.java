package io.agentq.infra.artifacts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * JSON artifacts with their schema version: every object is written as {@code {"schemaVersion": 1,
 * "kind": ..., "data": ...}} and read back only if its version is one this code knows.
 */
public final class JsonArtifacts {
  public static final int SCHEMA_VERSION = 1;

  /**
   * Writes record components only (no derived {@code isX()} getters) and reads past fields it does
   * not know, so an artifact written by a newer build of the same schema version still loads.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ArtifactStore store;

  public JsonArtifacts(ArtifactStore store) {
    this.store = store;
  }

  public ArtifactStore store() {
    return store;
  }

  public void put(String key, String kind, Object data) {
    try {
      var root = MAPPER.createObjectNode();
      root.put("schemaVersion", SCHEMA_VERSION);
      root.put("kind", kind);
      root.set("data", MAPPER.valueToTree(data));
      store.put(key, MAPPER.writeValueAsBytes(root), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON Lines: one versioned record per line. */
  public void putLines(String key, String kind, List<?> records) {
    StringBuilder out = new StringBuilder();
    try {
      for (Object r : records) {
        var line = MAPPER.createObjectNode();
        line.put("schemaVersion", SCHEMA_VERSION);
        line.put("kind", kind);
        line.set("data", MAPPER.valueToTree(r));
        out.append(MAPPER.writeValueAsString(line)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.put(
        key,
        out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "application/x-ndjson");
  }

  public <T> Optional<T> get(String key, Class<T> type) {
    return store.get(key).map(bytes -> read(key, bytes, type));
  }

  private static <T> T read(String key, byte[] bytes, Class<T> type) {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      int version = root.path("schemaVersion").asInt(-1);
      if (version != SCHEMA_VERSION) {
        throw new IllegalStateException(
            "artifact "
                + key
                + " has schema version "
                + version
                + "; this build reads "
                + SCHEMA_VERSION);
      }
      try {
        return MAPPER.treeToValue(root.get("data"), type);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(
            "artifact "
                + key
                + " (kind "
                + root.path("kind").asText("?")
                + ") does not read as "
                + type.getSimpleName()
                + " (written by another build of the same schema version?): "
                + e.getOriginalMessage(),
            e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("artifact " + key + " is not valid JSON", e);
    }
  }
}
