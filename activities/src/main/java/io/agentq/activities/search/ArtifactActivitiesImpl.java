package io.agentq.activities.search;

import io.agentq.core.StoreKeys;
import io.agentq.core.search.CommittedEpisode;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.PreferencePair;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeDelta;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workflows.search.ArtifactActivities;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints and episode artifacts under deterministic keys ({@code episodes/{id}/...}). A
 * checkpoint is a chain of deltas ({@code checkpoints/{run}-{seq}.json}, each naming its parent)
 * with a pointer ({@code checkpoint.json}) to the last published link. An episode's files are
 * written first and its manifest last, so a manifest means a whole episode; a second write of a
 * finished episode returns the existing manifest and overwrites nothing.
 */
public final class ArtifactActivitiesImpl implements ArtifactActivities {
  /** Trees assembled in this process, by checkpoint key: a checkpoint applies its delta here. */
  private final Map<String, TreeSnapshot> trees =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeSnapshot> e) {
          return size() > 64;
        }
      };

  private final JsonArtifacts artifacts;

  public ArtifactActivitiesImpl(JsonArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  /** What an episode was started with; agents is null in episodes started before it was kept. */
  public record StartedWith(int taskId, SearchConfig config, EpisodeRequest.Agents agents) {
    StartedWith normalised() {
      return new StartedWith(
          taskId, config, agents == null ? EpisodeRequest.Agents.defaults() : agents);
    }
  }

  /** One link of a checkpoint chain as stored. */
  public record CheckpointLink(String parent, TreeDelta delta) {}

  /** The episode's checkpoint pointer: its last published link. */
  public record CheckpointHead(String key, int iterations, int nodes) {}

  static String prefix(String episodeId) {
    return StoreKeys.episode(episodeId);
  }

  /**
   * Why {@code request} may not run under its episode id: the id was first started with another
   * task or search config (a reused run id); empty when it may.
   */
  public java.util.Optional<String> reuseConflict(EpisodeRequest request) {
    return conflict(request, startedWith(request.episodeId()));
  }

  private java.util.Optional<StartedWith> startedWith(String episodeId) {
    return artifacts.get(prefix(episodeId) + "request.json", StartedWith.class);
  }

  private static java.util.Optional<String> conflict(
      EpisodeRequest request, java.util.Optional<StartedWith> before) {
    StartedWith asked = new StartedWith(request.taskId(), request.config(), request.agents());
    return before
        .map(StartedWith::normalised)
        .filter(b -> !b.equals(asked))
        .map(
            b ->
                "run id reused: episode "
                    + request.episodeId()
                    + " was started with task "
                    + b.taskId()
                    + " and search "
                    + b.config().budget()
                    + " seed "
                    + b.config().seed()
                    + " policy "
                    + b.agents().policy()
                    + " critic "
                    + b.agents().critic()
                    + "; this run asks task "
                    + asked.taskId()
                    + " and search "
                    + asked.config().budget()
                    + " seed "
                    + asked.config().seed()
                    + " policy "
                    + asked.agents().policy()
                    + " critic "
                    + asked.agents().critic()
                    + ". Use a new --run-id, or the same options as before.");
  }

  @Override
  public Begin begin(EpisodeRequest request) {
    String p = prefix(request.episodeId());
    var before = startedWith(request.episodeId());
    java.util.Optional<String> conflict = conflict(request, before);
    if (conflict.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(conflict.get(), RUN_ID_REUSED);
    }
    var finished = artifacts.get(p + StoreKeys.MANIFEST, EpisodeArtifacts.class);
    if (finished.isPresent()) {
      return new Begin(finished.get(), null, 0);
    }
    if (before.isEmpty()) {
      artifacts.put(
          p + StoreKeys.REQUEST,
          "episode-request",
          new StartedWith(request.taskId(), request.config(), request.agents()));
    }
    return artifacts
        .get(p + StoreKeys.CHECKPOINT, CheckpointHead.class)
        .map(h -> new Begin(null, h.key(), h.nodes()))
        .orElse(new Begin(null, null, 0));
  }

  /** The failure type of a run id used again with another task or config. */
  public static final String RUN_ID_REUSED = SearchEpisodeWorkflow.RUN_ID_REUSED;

  @Override
  public TreeSnapshot loadNodes(String checkpointKey, int from, int count) {
    TreeSnapshot t = assemble(checkpointKey);
    List<TreeSnapshot.Node> nodes = t.nodes();
    return t.withNodes(
        nodes.subList(Math.min(from, nodes.size()), Math.min(from + count, nodes.size())));
  }

  @Override
  public void checkpoint(CheckpointPart part) {
    artifacts.put(part.key(), "checkpoint-link", new CheckpointLink(part.parent(), part.delta()));
    TreeSnapshot tree =
        part.delta().applyTo(part.parent() == null ? null : assemble(part.parent()));
    remember(part.key(), tree);
    if (part.publish()) {
      artifacts.put(
          prefix(part.episodeId()) + "checkpoint.json",
          "checkpoint-head",
          new CheckpointHead(part.key(), tree.iterations(), tree.nodes().size()));
    }
  }

  /** The tree of the episode's last published checkpoint, if it has one. */
  public java.util.Optional<TreeSnapshot> lastCheckpoint(String episodeId) {
    return artifacts
        .get(prefix(episodeId) + "checkpoint.json", CheckpointHead.class)
        .map(h -> assemble(h.key()));
  }

  /** The tree a checkpoint link stands for: from this process's cache, or read down its chain. */
  TreeSnapshot assemble(String key) {
    TreeSnapshot cached = recall(key);
    if (cached != null) {
      return cached;
    }
    List<TreeDelta> chain = new ArrayList<>();
    TreeSnapshot base = null;
    for (String k = key; k != null; ) {
      TreeSnapshot known = recall(k);
      if (known != null) {
        base = known;
        break;
      }
      String at = k;
      CheckpointLink link =
          artifacts
              .get(at, CheckpointLink.class)
              .orElseThrow(
                  () -> new IllegalStateException("checkpoint link " + at + " is missing"));
      chain.add(link.delta());
      k = link.parent();
    }
    TreeSnapshot tree = base;
    for (int i = chain.size() - 1; i >= 0; i--) {
      tree = chain.get(i).applyTo(tree);
    }
    remember(key, tree);
    return tree;
  }

  private TreeSnapshot recall(String key) {
    synchronized (trees) {
      return trees.get(key);
    }
  }

  private void remember(String key, TreeSnapshot tree) {
    synchronized (trees) {
      trees.put(key, tree);
    }
  }

  @Override
  public EpisodeArtifacts writeEpisode(
      String episodeId, String checkpointKey, int resumedFromIteration) {
    String p = prefix(episodeId);
    var existing = artifacts.get(p + StoreKeys.MANIFEST, EpisodeArtifacts.class);
    if (existing.isPresent()) {
      return existing.get();
    }
    TreeSnapshot snapshot = assemble(checkpointKey);
    SearchTree tree = SearchTree.restore(snapshot);
    List<PreferencePair> pairs = tree.preferencePairs();
    artifacts.put(p + StoreKeys.TREE, "tree", snapshot);
    StartedWith started = startedWith(episodeId).map(StartedWith::normalised).orElse(null);
    artifacts.put(
        p + StoreKeys.TRAJECTORY,
        "episode",
        CommittedEpisode.of(
            tree,
            started == null ? null : Integer.toString(started.taskId()),
            started == null ? null : searchedPolicy(started.agents())));
    artifacts.putLines(p + StoreKeys.PAIRS, "preference-pair", pairs);
    EpisodeArtifacts manifest =
        new EpisodeArtifacts(
            EpisodeSummary.of(tree),
            p + StoreKeys.MANIFEST,
            p + StoreKeys.TREE,
            p + StoreKeys.TRAJECTORY,
            p + StoreKeys.PAIRS,
            pairs.size(),
            tree.irreversible(),
            resumedFromIteration);
    artifacts.put(p + StoreKeys.MANIFEST, "episode-manifest", manifest);
    return manifest;
  }

  /** What a searched episode names as its policy: the agents and the search. */
  public static String searchedPolicy(EpisodeRequest.Agents agents) {
    return agents.policy() + "+mcts(critic " + agents.critic() + ")";
  }
}
