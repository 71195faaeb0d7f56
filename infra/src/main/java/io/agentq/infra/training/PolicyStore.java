package io.agentq.infra.training;

import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy versions in the artifact store ({@code policies/v0}, {@code v1}, ..., kept by {@link
 * ModelVersions}), each a manifest (config, metrics, data keys, parent) and weights, and which
 * version is promoted ({@code policies/promoted.json}): the lineage lives in the store, not in a
 * process.
 */
public final class PolicyStore {
  /** Policies: {@code policies/vN}. */
  public static final ModelVersions.Kind POLICIES =
      new ModelVersions.Kind(
          "policy",
          "policies",
          'v',
          "policy-version",
          "train one, e.g. with `agentq train-base`",
          "zero-shot");

  static final String PROMOTED = "policies/promoted.json";

  /** Which version is promoted, the one before it, and why. */
  public record Promotion(String version, String previous, String reason) {}

  private final JsonArtifacts artifacts;
  private final ModelVersions<PolicyVersion> versions;
  private final PolicyFeatures features;
  private final Map<String, LearnedPolicy> loaded = new ConcurrentHashMap<>();

  public PolicyStore(JsonArtifacts artifacts, PolicyFeatures features) {
    this.artifacts = artifacts;
    this.versions = new ModelVersions<>(artifacts, POLICIES, PolicyVersion.class);
    this.features = features;
  }

  public PolicyFeatures features() {
    return features;
  }

  static String weightsKey(String version) {
    return "policies/" + normalise(version) + "/weights.bin";
  }

  /** "v3" for "v3" or "3"; bad input otherwise. */
  public static String normalise(String version) {
    return ModelVersions.normalise(POLICIES, version);
  }

  /** Every stored version, oldest first. */
  public List<PolicyVersion> versions() {
    return versions.versions();
  }

  /** The next free version name: after every stored and every allocated version. */
  public String nextVersion() {
    return versions.nextVersion();
  }

  /**
   * Takes the next free version name for {@code owner} (a training round) and records it, so that a
   * second round allocating before the first one stored its version gets another name. One writer
   * at a time allocates (the ladder and the round workflows do).
   */
  public String allocate(String owner) {
    return versions.allocate(owner);
  }

  public Optional<PolicyVersion> manifest(String version) {
    return versions.manifest(version);
  }

  /**
   * Stores a version: weights first, then the manifest, so a manifest is only ever seen with its
   * weights. A version already stored is never overwritten.
   */
  public void save(PolicyVersion manifest, byte[] weights) {
    versions.save(manifest, weights);
  }

  /** A stored version as a policy, at its recorded temperature (cached per process). */
  public LearnedPolicy load(String version) {
    String v = normalise(version);
    return loaded.computeIfAbsent(v, this::read);
  }

  private LearnedPolicy read(String v) {
    ModelVersions.Stored<PolicyVersion> s = versions.read(v);
    PolicyNetwork net =
        PolicyNetwork.read(
            s.weights(),
            PolicyNetwork.Architecture.of(features, s.manifest().hidden()),
            s.source());
    return new LearnedPolicy("learned:" + v, net, features, s.manifest().temperature());
  }

  public void promote(String version, String reason) {
    String v = normalise(version);
    manifest(v).orElseThrow(() -> versions.unknown(v));
    String previous = promoted().map(Promotion::version).orElse(null);
    artifacts.put(PROMOTED, "policy-promotion", new Promotion(v, previous, reason));
  }

  public Optional<Promotion> promoted() {
    return artifacts.get(PROMOTED, Promotion.class);
  }
}
