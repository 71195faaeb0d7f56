package io.agentq.infra.artifacts;

import java.util.List;
import java.util.Optional;

/**
 * Where big data lives (observations, trees, trajectories, pairs, checkpoints): one bucket, keys by
 * run. A put publishes a whole object at once, so a reader sees all of it or nothing.
 */
public interface ArtifactStore {
  void put(String key, byte[] content, String contentType);

  Optional<byte[]> get(String key);

  List<String> list(String prefix);

  /** Where the artifacts are, for people: e.g. "s3://agentq (http://127.0.0.1:9000)". */
  String location();
}
