package io.agentq.infra.judge;

import io.agentq.infra.artifacts.ArtifactStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An artifact store in memory, for the judge's tests. */
final class MemoryStore implements ArtifactStore {
  final Map<String, byte[]> files = new TreeMap<>();

  @Override
  public synchronized void put(String key, byte[] content, String contentType) {
    files.put(key, content.clone());
  }

  @Override
  public synchronized Optional<byte[]> get(String key) {
    return Optional.ofNullable(files.get(key));
  }

  @Override
  public synchronized List<String> list(String prefix) {
    return files.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  @Override
  public String location() {
    return "memory";
  }
}
