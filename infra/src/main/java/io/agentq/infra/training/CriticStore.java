package io.agentq.infra.training;

import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learned critic versions in the artifact store ({@code critics/c0}, {@code c1}, ..., kept by
 * {@link ModelVersions} as policies are), each a manifest and weights; loaded as {@link
 * ListwiseCritic}s, once per process.
 */
public final class CriticStore {
  /** Critics: {@code critics/cN}. */
  public static final ModelVersions.Kind CRITICS =
      new ModelVersions.Kind(
          "critic",
          "critics",
          'c',
          "critic-version",
          "train one with `agentq train-critic`",
          "base-ranking, base-ranking:vN");

  private final ModelVersions<CriticVersion> versions;
  private final ListwiseFeatures features;
  private final Map<String, ListwiseCritic> loaded = new ConcurrentHashMap<>();

  public CriticStore(JsonArtifacts artifacts, ListwiseFeatures features) {
    this.versions = new ModelVersions<>(artifacts, CRITICS, CriticVersion.class);
    this.features = features;
  }

  public ListwiseFeatures features() {
    return features;
  }

  public ModelVersions<CriticVersion> versions() {
    return versions;
  }

  public static String normalise(String version) {
    return ModelVersions.normalise(CRITICS, version);
  }

  public List<CriticVersion> stored() {
    return versions.versions();
  }

  public Optional<CriticVersion> manifest(String version) {
    return versions.manifest(version);
  }

  public void save(CriticVersion manifest, byte[] weights) {
    versions.save(manifest, weights);
  }

  /** A stored critic, frozen (cached per process). */
  public ListwiseCritic load(String version) {
    return loaded.computeIfAbsent(normalise(version), this::read);
  }

  private ListwiseCritic read(String v) {
    ModelVersions.Stored<CriticVersion> s = versions.read(v);
    PolicyNetwork net =
        PolicyNetwork.read(
            s.weights(), ListwiseCritic.architecture(features, s.manifest().hidden()), s.source());
    return new ListwiseCritic("critic:" + v, net, features);
  }
}
