package io.agentq.infra.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.Episode;
import io.agentq.core.training.CheckedEpisode;
import io.agentq.core.training.DataSet;
import io.agentq.core.training.Decision;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Preference;
import io.agentq.core.training.SearchTarget;
import io.agentq.core.training.SoftDecision;
import io.agentq.core.training.TrainingSpec;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One training run from data in the store to a stored policy version, resumable: every finished
 * epoch's weights and metrics are saved under the run's key, and a run started again (after its
 * worker died) goes on after the last saved epoch. The body of the trainer activity.
 */
public final class TrainingRun {
  /** The pointer to a run's last saved epoch. */
  public record SavedEpoch(int epoch, String weightsKey, List<EpochMetrics> metrics) {}

  private final JsonArtifacts artifacts;
  private final PolicyStore policies;
  private final ObservationStore observations;
  private final java.util.function.Function<String, io.agentq.core.Policy> behaviours;

  /**
   * @param behaviours the policies that built searched trees, by name (their priors are the soft
   *     targets' priors)
   */
  public TrainingRun(
      JsonArtifacts artifacts,
      PolicyStore policies,
      java.util.function.Function<String, io.agentq.core.Policy> behaviours) {
    this.artifacts = artifacts;
    this.policies = policies;
    this.observations = new ObservationStore(artifacts);
    this.behaviours = behaviours;
  }

  /** A run whose behaviour policies are the store's versions and the zero-shot policy. */
  public TrainingRun(JsonArtifacts artifacts, PolicyStore policies) {
    this(
        artifacts,
        policies,
        name ->
            name.equals("zero-shot")
                ? io.agentq.infra.policy.ZeroShotPolicy.withDefaults()
                : policies.load(name));
  }

  static String latestKey(String runKey) {
    return runKey + "/latest.json";
  }

  public Optional<SavedEpoch> lastSaved(String runKey) {
    return artifacts.get(latestKey(runKey), SavedEpoch.class);
  }

  /**
   * Trains (or finishes training) and stores the version; a version already stored is returned as
   * it is.
   *
   * @param onEpoch told the key of each saved epoch (the activity heartbeats with it)
   */
  public PolicyVersion run(TrainingSpec asked, Consumer<String> onEpoch) {
    try {
      return runOnce(asked, onEpoch);
    } catch (io.agentq.core.training.TrainingDiverged once) {
      // Seen once on a loaded machine: a NaN batch loss in a round that, resumed from its last
      // saved epoch, trained through the same batches without one (the CPU engine's threads do
      // not reduce in a fixed order). So a run resumes once from its last saved epoch; a second
      // divergence ends it.
      System.err.println(
          "training run " + asked.runKey() + ": " + once.getMessage() + "; resuming once");
      return runOnce(asked, onEpoch);
    }
  }

  private PolicyVersion runOnce(TrainingSpec asked, Consumer<String> onEpoch) {
    Optional<PolicyVersion> done = policies.manifest(asked.version());
    if (done.isPresent()) {
      return done.get();
    }
    PolicyFeatures features = features(asked);
    TrainingSpec spec = resolved(asked);
    Examples ex = examples(spec, features);
    PolicyNetwork.Architecture wanted = PolicyNetwork.Architecture.of(features, spec.hidden());
    Optional<SavedEpoch> saved = lastSaved(spec.runKey());
    PolicyNetwork net;
    PolicyTrainer.Resume resume;
    if (saved.isPresent()) {
      byte[] w =
          artifacts
              .store()
              .get(saved.get().weightsKey())
              .orElseThrow(() -> new IllegalStateException("missing " + saved.get().weightsKey()));
      net = PolicyNetwork.read(w, wanted, saved.get().weightsKey());
      resume = new PolicyTrainer.Resume(saved.get().epoch(), saved.get().metrics());
    } else if (spec.parent() != null) {
      PolicyVersion parent = policies.manifest(spec.parent()).orElseThrow();
      byte[] w = artifacts.store().get(parent.weightsKey()).orElseThrow();
      net = PolicyNetwork.read(w, wanted, parent.weightsKey());
      resume = PolicyTrainer.Resume.fresh();
    } else {
      net = PolicyNetwork.initialised(wanted, spec.config().seed());
      resume = PolicyTrainer.Resume.fresh();
    }
    int examples = ex.count(spec.config().objective());
    if (examples == 0) {
      try (net) {
        if (spec.parent() == null) {
          throw new io.agentq.core.InputException(
              "training run "
                  + spec.runKey()
                  + ": its "
                  + spec.keys().size()
                  + " data files hold nothing to learn from ("
                  + spec.data().stream().map(d -> d.kind().name()).toList()
                  + ") and there is no parent to keep");
        }
        // Nothing to learn from (no success, no success/failure pair): the version is the
        // parent's weights, and its manifest says so.
        PolicyVersion v =
            new PolicyVersion(
                spec.version(),
                spec.method(),
                spec.description()
                    + " [no training data in "
                    + spec.keys().size()
                    + " files: the parent's weights]",
                spec.parent(),
                net.architecture().describe(),
                spec.hidden(),
                spec.temperature(),
                spec.config(),
                List.of(),
                spec.keys(),
                0,
                Instant.now().toString());
        policies.save(v, net.write());
        return v;
      }
    }
    try (net) {
      PolicyTrainer trainer = new PolicyTrainer(spec.config());
      PolicyTrainer.EpochSink sink =
          (epoch, weights, metrics) -> {
            String key = spec.runKey() + "/epochs/" + epoch + ".bin";
            artifacts.store().put(key, weights, "application/octet-stream");
            artifacts.put(
                latestKey(spec.runKey()), "training-epoch", new SavedEpoch(epoch, key, metrics));
            onEpoch.accept(key);
          };
      PolicyTrainer.Result result =
          switch (spec.config().objective()) {
            case IMITATION -> trainer.imitate(net, ex.decisions(), resume, sink);
            case DPO -> trainer.prefer(net, ex.pairs(), resume, sink);
            case SEARCH -> trainer.train(net, ex.pairs(), ex.soft(), ex.decisions(), resume, sink);
          };
      PolicyVersion v =
          new PolicyVersion(
              spec.version(),
              spec.method(),
              spec.description() + ex.describe(),
              spec.parent(),
              net.architecture().describe(),
              spec.hidden(),
              spec.temperature(),
              spec.config(),
              result.metrics(),
              spec.keys(),
              examples,
              Instant.now().toString());
      policies.save(v, net.write());
      return v;
    }
  }

  /**
   * The spec with every listed data set's keys read from the store, so that the version's manifest
   * names every file it was trained on.
   */
  TrainingSpec resolved(TrainingSpec spec) {
    List<DataSet> sets = new ArrayList<>();
    for (DataSet d : spec.data()) {
      if (d.listedIn() == null) {
        sets.add(d);
        continue;
      }
      String[] keys =
          artifacts
              .get(d.listedIn(), String[].class)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "training run " + spec.runKey() + ": no data list at " + d.listedIn()));
      sets.add(DataSet.of(d.kind(), List.of(keys)));
    }
    return new TrainingSpec(
        spec.runKey(),
        spec.version(),
        spec.method(),
        spec.description(),
        spec.parent(),
        spec.hidden(),
        spec.temperature(),
        spec.config(),
        sets,
        spec.pairsPerTask(),
        spec.layout());
  }

  /** The feature row of a run: its parent's, else the one it names, else the store's default. */
  PolicyFeatures features(TrainingSpec spec) {
    if (spec.parent() != null) {
      String parentLayout = policies.layoutOf(spec.parent());
      if (spec.layout() != null && !spec.layout().equals(parentLayout)) {
        throw new io.agentq.core.InputException(
            "training run "
                + spec.runKey()
                + " asks for feature row "
                + spec.layout()
                + " but its parent "
                + spec.parent()
                + " was trained on "
                + parentLayout
                + "; a version keeps its parent's row");
      }
      return policies.features(parentLayout);
    }
    return policies.features(spec.layout());
  }

  /** What a run learns from, by kind, and what was left out. */
  record Examples(
      List<Decision> decisions,
      List<Preference> pairs,
      List<SoftDecision> soft,
      int skippedSteps,
      int ties) {
    int count(io.agentq.core.training.Objective objective) {
      return switch (objective) {
        case IMITATION -> decisions.size();
        case DPO -> pairs.size();
        case SEARCH -> decisions.size() + pairs.size() + soft.size();
      };
    }

    /** A few words for the manifest's description when a run mixes kinds. */
    String describe() {
      return soft.isEmpty() && (decisions.isEmpty() || pairs.isEmpty())
          ? ""
          : String.format(
              java.util.Locale.ROOT,
              " [%d pairs, %d soft targets (%d tied nodes left out), %d decisions]",
              pairs.size(),
              soft.size(),
              ties,
              decisions.size());
    }
  }

  /** Every data set of the spec made into what the trainer reads, on the run's feature row. */
  Examples examples(TrainingSpec spec, PolicyFeatures features) {
    TrainingData data = new TrainingData(observations, features);
    TreeTargets trees = new TreeTargets(observations, features, SearchTarget.defaults());
    List<Decision> decisions = new ArrayList<>();
    List<Preference> pairs = new ArrayList<>();
    List<SoftDecision> soft = new ArrayList<>();
    int ties = 0;
    for (DataSet d : spec.data()) {
      switch (d.kind()) {
        case SUCCESSES ->
            decisions.addAll(
                data.decisions(trajectories(d.keys()).stream().filter(Episode::success).toList()));
        case LABELS -> {
          for (CheckedEpisode e : checked(d.keys())) {
            for (Episode.Step s : e.labels()) {
              data.decision(e.instruction(), s.observationKey(), s.history(), s.command())
                  .ifPresent(decisions::add);
            }
          }
        }
        case SEARCH_PATHS -> {
          for (String k : d.keys()) {
            decisions.addAll(trees.committedPath(tree(k)));
          }
        }
        case OUTCOME_PAIRS ->
            pairs.addAll(data.outcomePairs(trajectories(d.keys()), spec.pairsPerTask()));
        case NODE_PAIRS -> pairs.addAll(nodePairs(data, d.keys()));
        case SEARCH_TARGETS -> {
          for (String k : d.keys()) {
            TreeTargets.Made m = trees.of(tree(k), behaviour(k));
            soft.addAll(m.targets());
            ties += m.ties();
          }
        }
      }
    }
    return new Examples(decisions, pairs, soft, data.skipped(), ties);
  }

  private io.agentq.core.search.TreeSnapshot tree(String key) {
    return artifacts
        .get(key, io.agentq.core.search.TreeSnapshot.class)
        .orElseThrow(() -> new IllegalStateException("training data " + key + " is missing"));
  }

  /** The policy that built a searched episode's tree, named in the episode's request. */
  private io.agentq.core.Policy behaviour(String treeKey) {
    String requestKey = treeKey.substring(0, treeKey.lastIndexOf('/') + 1) + "request.json";
    JsonNode request =
        artifacts
            .get(requestKey, JsonNode.class)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tree "
                            + treeKey
                            + " has no episode request beside it ("
                            + requestKey
                            + ")"));
    JsonNode agents = request.get("agents");
    String name = agents == null || agents.isNull() ? "zero-shot" : agents.get("policy").asText();
    return behaviours.apply(name);
  }

  private List<CheckedEpisode> checked(List<String> keys) {
    List<CheckedEpisode> out = new ArrayList<>();
    for (String k : keys) {
      out.add(
          artifacts
              .get(k, CheckedEpisode.class)
              .orElseThrow(() -> new IllegalStateException("training data " + k + " is missing")));
    }
    return out;
  }

  private List<Episode> trajectories(List<String> keys) {
    List<Episode> out = new ArrayList<>();
    for (String k : keys) {
      out.add(
          artifacts
              .get(k, Episode.class)
              .orElseThrow(() -> new IllegalStateException("training data " + k + " is missing")));
    }
    return out;
  }

  /** Node-level pairs from pairs.jsonl files: both actions on the same page's candidates. */
  private List<Preference> nodePairs(TrainingData data, List<String> keys) {
    List<Preference> out = new ArrayList<>();
    for (String k : keys) {
      byte[] bytes =
          artifacts
              .store()
              .get(k)
              .orElseThrow(() -> new IllegalStateException("training data " + k + " is missing"));
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode p;
        try {
          p = JsonArtifacts.MAPPER.readTree(line).get("data");
        } catch (IOException e) {
          throw new UncheckedIOException("pairs file " + k + " has a bad line", e);
        }
        NodePair pair = NodePair.of(p);
        List<String> history = new ArrayList<>();
        p.get("history").forEach(h -> history.add(h.asText()));
        Optional<Decision> w =
            data.decision(pair.instruction(), pair.observationKey(), history, pair.preferred());
        Optional<Decision> l =
            data.decision(pair.instruction(), pair.observationKey(), history, pair.rejected());
        if (w.isPresent() && l.isPresent()) {
          // a pair kept by the visits rule carries its weight; the paper's raw pairs weigh 1
          JsonNode weight = p.get("weight");
          out.add(
              Preference.atNode(
                      w.get().candidates(),
                      w.get().chosen(),
                      l.get().chosen(),
                      pair.preferredLogLikelihood(),
                      pair.rejectedLogLikelihood())
                  .withWeight(weight == null ? 1.0 : weight.asDouble()));
        }
      }
    }
    return out;
  }

  /** The fields of a stored preference pair that training reads. */
  record NodePair(
      String instruction,
      String observationKey,
      String preferred,
      String rejected,
      double preferredLogLikelihood,
      double rejectedLogLikelihood) {
    static NodePair of(JsonNode p) {
      return new NodePair(
          p.get("instruction").asText(),
          p.get("observationKey").asText(),
          command(p.get("preferred")),
          command(p.get("rejected")),
          logLikelihood(p, "preferred"),
          logLikelihood(p, "rejected"));
    }

    /** The behaviour log-likelihood of a side: its own field, or its composite action's. */
    private static double logLikelihood(JsonNode p, String side) {
      JsonNode own = p.get(side + "LogLikelihood");
      return own != null ? own.asDouble() : p.get(side).get("logLikelihood").asDouble();
    }

    /** A side is its command, or a composite action holding one. */
    private static String command(JsonNode side) {
      return side.isTextual() ? side.asText() : side.get("command").asText();
    }
  }
}
