package io.agentq.infra.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.core.search.PreferencePair;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.VisitedPairs;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node pairs a round trains on, from stored searched trees: extracted with a threshold theta,
 * kept by the visits rule with their weights ({@link VisitedPairs}), one file of preference pairs
 * per tree. A file already written is read back, never rewritten (it is empty when the tree gave no
 * pair); the behaviour log-likelihoods are the ones the trees hold.
 */
public final class RuledPairs {
  private final JsonArtifacts artifacts;
  private final double theta;
  private final int visits;

  public RuledPairs(JsonArtifacts artifacts, double theta, int visits) {
    this.artifacts = artifacts;
    this.theta = theta;
    this.visits = visits;
  }

  /** What one tree gave: where its pairs are and the pairs kept. */
  public record Written(String key, List<PreferencePair> pairs) {
    public Written {
      pairs = List.copyOf(pairs);
    }
  }

  /** The pairs of the tree at {@code treeKey}, written under {@code key} (or read back there). */
  public Written write(String treeKey, String key) {
    var stored = artifacts.store().get(key);
    if (stored.isPresent()) {
      return new Written(key, readBack(key, stored.get()));
    }
    TreeSnapshot t =
        artifacts
            .get(treeKey, TreeSnapshot.class)
            .orElseThrow(() -> new IllegalStateException("no tree at " + treeKey));
    SearchConfig c = t.config();
    SearchConfig ruled =
        new SearchConfig(
            c.iterationsPerStep(),
            c.branching(),
            c.maxDepth(),
            c.exploration(),
            c.alpha(),
            theta,
            c.checkpointEvery(),
            c.rolloutValue(),
            c.seed());
    VisitedPairs.Kept kept = VisitedPairs.of(t.withConfig(ruled), visits);
    List<Object> lines = new ArrayList<>();
    List<PreferencePair> pairs = new ArrayList<>();
    for (VisitedPairs.Weighted w : kept.pairs()) {
      ObjectNode node = JsonArtifacts.MAPPER.valueToTree(w.pair());
      node.put("weight", w.weight());
      lines.add(node);
      pairs.add(w.pair());
    }
    artifacts.putLines(key, "preference-pair", lines);
    return new Written(key, pairs);
  }

  private static List<PreferencePair> readBack(String key, byte[] bytes) {
    List<PreferencePair> pairs = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        pairs.add(
            JsonArtifacts.MAPPER.treeToValue(
                JsonArtifacts.MAPPER.readTree(line).get("data"), PreferencePair.class));
      } catch (IOException e) {
        throw new UncheckedIOException("pairs file " + key + " has a line that is not a pair", e);
      }
    }
    return pairs;
  }
}
