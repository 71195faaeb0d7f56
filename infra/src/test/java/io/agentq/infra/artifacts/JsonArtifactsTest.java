package io.agentq.infra.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.search.NodeState;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts round-trip through the embedded S3 server with their schema version. */
class JsonArtifactsTest {
  @TempDir Path dir;

  /** A store in memory, for what does not need S3. */
  static final class InMemory implements ArtifactStore {
    final Map<String, byte[]> files = new TreeMap<>();

    @Override
    public void put(String key, byte[] content, String contentType) {
      files.put(key, content.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(files.get(key));
    }

    @Override
    public List<String> list(String prefix) {
      return files.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public String location() {
      return "memory";
    }
  }

  @Test
  void aPageIsShotOnceWhenAskedAndNeverWhenNot() {
    InMemory store = new InMemory();
    ObservationStore pages = new ObservationStore(new JsonArtifacts(store));
    Observation a = new Observation("http://h/s/x/", "Search", "Instruction: a", List.of());
    Observation b = new Observation("http://h/s/x/r", "Results", "Instruction: a\nb", List.of());
    AtomicInteger shots = new AtomicInteger();
    Supplier<Optional<byte[]>> camera =
        () -> Optional.of(new byte[] {(byte) shots.incrementAndGet()});

    String plain = pages.put("ep", a);
    assertTrue(store.get(ObservationStore.screenKey(plain)).isEmpty(), "not asked: no screenshot");
    assertEquals(plain, pages.put("ep", a, camera), "the same page, the same key");
    assertEquals(plain.replace(".json", ".png"), ObservationStore.screenKey(plain));
    assertArrayEquals(new byte[] {1}, store.get(ObservationStore.screenKey(plain)).orElseThrow());
    pages.put("ep", a, camera);
    assertEquals(1, shots.get(), "a page seen again is not shot again");
    String other = pages.put("ep", b, () -> Optional.empty());
    assertTrue(store.get(ObservationStore.screenKey(other)).isEmpty(), "no browser: nothing");
    assertEquals(
        Set.of(plain, ObservationStore.screenKey(plain), other),
        Set.copyOf(store.list("episodes/ep/")));
    assertEquals("episodes/ep/trace.zip", pages.putTrace("ep", new byte[] {'P', 'K'}));
  }

  @Test
  void observationsAndTreesRoundTripThroughS3AndSurviveARestart() {
    Observation page =
        new Observation(
            "http://h/s/x/",
            "Search",
            "Instruction: a\n[1] textbox \"Search\"",
            List.of(
                new PageElement(1, "textbox", "Search", false),
                new PageElement(2, "button", "Go", true)));
    SearchTree tree =
        new SearchTree(
            "ep",
            "buy",
            SearchConfig.defaults(),
            new NodeState("/s/x/", "k", "Search", false, 0, false, false, "start"));
    tree.expand(0, List.of(new Proposal("p", "t", "CLICK [2]", "e", -0.5)), List.of(0));
    String key;
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0)) {
      JsonArtifacts artifacts =
          new JsonArtifacts(
              S3ArtifactStore.connect(
                  s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "roundtrip"));
      key = new ObservationStore(artifacts).put("ep", page);
      artifacts.put("episodes/ep/tree.json", "tree", tree.snapshot());
      String raw = new String(artifacts.store().get(key).orElseThrow(), StandardCharsets.UTF_8);
      assertTrue(raw.startsWith("{\"schemaVersion\":1,\"kind\":\"observation\""), raw);
      assertFalse(raw.contains("textInput"), "derived getters are not written: " + raw);
    }
    try (EmbeddedS3 again = EmbeddedS3.start(dir, 0)) {
      JsonArtifacts artifacts =
          new JsonArtifacts(
              S3ArtifactStore.connect(
                  again.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "roundtrip"));
      assertEquals(
          page, new ObservationStore(artifacts).get(key), "read back by a new process's store");
      assertEquals(
          tree.snapshot(),
          artifacts.get("episodes/ep/tree.json", TreeSnapshot.class).orElseThrow());
      assertTrue(artifacts.get("episodes/ep/none.json", TreeSnapshot.class).isEmpty());
      artifacts
          .store()
          .put(
              "old.json",
              "{\"schemaVersion\":0,\"data\":{}}".getBytes(StandardCharsets.UTF_8),
              "application/json");
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> artifacts.get("old.json", TreeSnapshot.class));
      assertTrue(e.getMessage().contains("schema version 0"), e.getMessage());
    }
  }
}
