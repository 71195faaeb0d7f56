package io.agentq.infra.training;

import io.agentq.core.StoreKeys;
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

  static final String PROMOTED = StoreKeys.PROMOTED;

  /** Which version is promoted, the one before it, and why. */
  public record Promotion(String version, String previous, String reason) {}

  private final JsonArtifacts artifacts;
  private final ModelVersions<PolicyVersion> versions;
  private final PolicyFeatures features;
  private final Map<String, PolicyFeatures> layouts = new java.util.LinkedHashMap<>();
  private final Map<String, LearnedPolicy> loaded = new ConcurrentHashMap<>();

  /**
   * @param features the feature row new versions are trained on (the default layout)
   * @param others further layouts whose stored weights this store reads (and trains on when asked)
   */
  public PolicyStore(JsonArtifacts artifacts, PolicyFeatures features, PolicyFeatures... others) {
    this.artifacts = artifacts;
    this.versions = new ModelVersions<>(artifacts, POLICIES, PolicyVersion.class);
    this.features = features;
    layouts.put(features.layout(), features);
    for (PolicyFeatures f : others) {
      layouts.putIfAbsent(f.layout(), f);
    }
  }

  /** The default feature row: what new versions are trained on unless a layout is named. */
  public PolicyFeatures features() {
    return features;
  }

  /**
   * The features of layout {@code layout} (null: the default), refused in one line when this store
   * does not read it.
   */
  public PolicyFeatures features(String layout) {
    if (layout == null) {
      return features;
    }
    PolicyFeatures f = layouts.get(layout);
    if (f == null) {
      throw new io.agentq.core.InputException(
          "feature layout '"
              + layout
              + "' is not one this build reads ("
              + String.join(", ", layouts.keySet())
              + ")");
    }
    return f;
  }

  /** The feature layout of a stored version (from its weights' header). */
  public String layoutOf(String version) {
    ModelVersions.Stored<PolicyVersion> s = versions.read(normalise(version));
    return PolicyNetwork.layoutOf(s.weights(), s.source());
  }

  static String weightsKey(String version) {
    return StoreKeys.policy(normalise(version), "weights.bin");
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
    String layout = PolicyNetwork.layoutOf(s.weights(), s.source());
    PolicyFeatures f = layouts.getOrDefault(layout, features);
    // weights of a layout this store does not read are refused by PolicyNetwork.read, in one line
    PolicyNetwork net =
        PolicyNetwork.read(
            s.weights(), PolicyNetwork.Architecture.of(f, s.manifest().hidden()), s.source());
    return new LearnedPolicy("learned:" + v, net, f, s.manifest().temperature());
  }

  /**
   * Promotes a version on its environment (the one its feature row reads: a booking version is
   * promoted on booking and leaves the shop's promoted version alone).
   */
  public void promote(String version, String reason) {
    String v = normalise(version);
    manifest(v).orElseThrow(() -> versions.unknown(v));
    String env = environmentOf(v);
    String previous = promoted(env).map(Promotion::version).orElse(null);
    artifacts.put(StoreKeys.promoted(env), "policy-promotion", new Promotion(v, previous, reason));
  }

  /** The environment a stored version acts on: its feature row's site (the legacy row: shop). */
  public String environmentOf(String version) {
    PolicyFeatures f = layouts.get(layoutOf(version));
    return f == null || f.site() == null ? "shop" : f.site().environment();
  }

  /** The shop's promoted version. */
  public Optional<Promotion> promoted() {
    return promoted(artifacts);
  }

  /** The promoted version on {@code environment} (null: the shop). */
  public Optional<Promotion> promoted(String environment) {
    return promoted(artifacts, environment);
  }

  /** Which version the store at {@code artifacts} has promoted on the shop. */
  public static Optional<Promotion> promoted(JsonArtifacts artifacts) {
    return promoted(artifacts, null);
  }

  /** Which version the store at {@code artifacts} has promoted on {@code environment}. */
  public static Optional<Promotion> promoted(JsonArtifacts artifacts, String environment) {
    return artifacts.get(StoreKeys.promoted(environment), Promotion.class);
  }
}
