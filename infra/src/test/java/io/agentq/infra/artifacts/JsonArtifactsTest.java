package io.agentq.infra.artifacts;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts round-trip through the embedded S3 server with their schema version. */
class JsonArtifactsTest {
  @TempDir Path dir;

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
