package io.agentq.infra.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.training.DataKind;
import io.agentq.core.training.Decision;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.Preference;
import io.agentq.core.training.TrainingSpec;
import io.agentq.core.training.Trajectory;
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

  public TrainingRun(JsonArtifacts artifacts, PolicyStore policies) {
    this.artifacts = artifacts;
    this.policies = policies;
    this.observations = new ObservationStore(artifacts);
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
  public PolicyVersion run(TrainingSpec spec, Consumer<String> onEpoch) {
    Optional<PolicyVersion> done = policies.manifest(spec.version());
    if (done.isPresent()) {
      return done.get();
    }
    TrainingData data = new TrainingData(observations, policies.features());
    List<Decision> decisions = List.of();
    List<Preference> pairs = List.of();
    switch (spec.kind()) {
      case SUCCESSES ->
          decisions =
              data.decisions(
                  trajectories(spec.data()).stream().filter(Trajectory::success).toList());
      case OUTCOME_PAIRS ->
          pairs = data.outcomePairs(trajectories(spec.data()), spec.pairsPerTask());
      case NODE_PAIRS -> pairs = nodePairs(data, spec.data());
    }
    PolicyNetwork.Architecture wanted =
        PolicyNetwork.Architecture.of(policies.features(), spec.hidden());
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
    int examples = spec.kind() == DataKind.SUCCESSES ? decisions.size() : pairs.size();
    if (examples == 0) {
      try (net) {
        if (spec.parent() == null) {
          throw new io.agentq.core.InputException(
              "training run "
                  + spec.runKey()
                  + ": its "
                  + spec.data().size()
                  + " data files hold nothing to learn from ("
                  + spec.kind()
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
                    + spec.data().size()
                    + " files: the parent's weights]",
                spec.parent(),
                net.architecture().describe(),
                spec.hidden(),
                spec.temperature(),
                spec.config(),
                List.of(),
                spec.data(),
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
          spec.kind() == DataKind.SUCCESSES
              ? trainer.imitate(net, decisions, resume, sink)
              : trainer.prefer(net, pairs, resume, sink);
      PolicyVersion v =
          new PolicyVersion(
              spec.version(),
              spec.method(),
              spec.description(),
              spec.parent(),
              net.architecture().describe(),
              spec.hidden(),
              spec.temperature(),
              spec.config(),
              result.metrics(),
              spec.data(),
              spec.kind() == DataKind.SUCCESSES ? decisions.size() : pairs.size(),
              Instant.now().toString());
      policies.save(v, net.write());
      return v;
    }
  }

  private List<Trajectory> trajectories(List<String> keys) {
    List<Trajectory> out = new ArrayList<>();
    for (String k : keys) {
      out.add(
          artifacts
              .get(k, Trajectory.class)
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
          out.add(
              Preference.atNode(
                  w.get().candidates(),
                  w.get().chosen(),
                  l.get().chosen(),
                  pair.preferredLogLikelihood(),
                  pair.rejectedLogLikelihood()));
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
