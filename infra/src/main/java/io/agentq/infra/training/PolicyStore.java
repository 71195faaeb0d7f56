package io.agentq.infra.training;

import io.agentq.core.InputException;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy versions in the artifact store ({@code policies/v0}, {@code v1}, ...), each a manifest
 * (config, metrics, data keys, parent) and weights, and which version is promoted ({@code
 * policies/promoted.json}): the lineage lives in the store, not in a process.
 */
public final class PolicyStore {
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)");
  private static final Pattern MANIFEST = Pattern.compile("policies/v(\\d+)/manifest\\.json");
  private static final Pattern TAKEN =
      Pattern.compile("policies/(?:v(\\d+)/manifest|allocated/v(\\d+))\\.json");
  static final String PROMOTED = "policies/promoted.json";

  /** Which version is promoted, the one before it, and why. */
  public record Promotion(String version, String previous, String reason) {}

  private final JsonArtifacts artifacts;
  private final PolicyFeatures features;
  private final Map<String, LearnedPolicy> loaded = new ConcurrentHashMap<>();

  public PolicyStore(JsonArtifacts artifacts, PolicyFeatures features) {
    this.artifacts = artifacts;
    this.features = features;
  }

  public PolicyFeatures features() {
    return features;
  }

  static String manifestKey(String version) {
    return "policies/" + version + "/manifest.json";
  }

  static String weightsKey(String version) {
    return "policies/" + version + "/weights.bin";
  }

  /** "v3" for "v3" or "3"; bad input otherwise. */
  public static String normalise(String version) {
    Matcher m = VERSION.matcher(version.strip());
    if (!m.matches()) {
      throw new InputException(
          "policy version '" + version + "' is not a version like v0, v1, v2 (or zero-shot)");
    }
    return "v" + Integer.parseInt(m.group(1));
  }

  /** Every stored version, oldest first. */
  public List<PolicyVersion> versions() {
    return artifacts.store().list("policies/v").stream()
        .map(MANIFEST::matcher)
        .filter(Matcher::matches)
        .map(m -> Integer.parseInt(m.group(1)))
        .sorted()
        .map(n -> manifest("v" + n).orElseThrow())
        .toList();
  }

  /** The next free version name: after every stored and every allocated version. */
  public String nextVersion() {
    return "v"
        + artifacts.store().list("policies/").stream()
            .map(TAKEN::matcher)
            .filter(Matcher::matches)
            .map(m -> Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)))
            .max(Comparator.naturalOrder())
            .map(n -> n + 1)
            .orElse(0);
  }

  /**
   * Takes the next free version name for {@code owner} (a training round) and records it, so that a
   * second round allocating before the first one stored its version gets another name. One writer
   * at a time allocates (the ladder and the round workflows do).
   */
  public synchronized String allocate(String owner) {
    String v = nextVersion();
    artifacts.put(
        "policies/allocated/" + v + ".json", "policy-allocation", java.util.Map.of("owner", owner));
    return v;
  }

  public Optional<PolicyVersion> manifest(String version) {
    return artifacts.get(manifestKey(normalise(version)), PolicyVersion.class);
  }

  /**
   * Stores a version: weights first, then the manifest, so a manifest is only ever seen with its
   * weights. A version already stored is never overwritten.
   */
  public void save(PolicyVersion manifest, byte[] weights) {
    String v = normalise(manifest.version());
    if (manifest(v).isPresent()) {
      throw new IllegalStateException(
          "policy " + v + " is already stored in " + artifacts.store().location());
    }
    artifacts.store().put(weightsKey(v), weights, "application/octet-stream");
    artifacts.put(manifestKey(v), "policy-version", manifest);
  }

  /** A stored version as a policy, at its recorded temperature (cached per process). */
  public LearnedPolicy load(String version) {
    String v = normalise(version);
    return loaded.computeIfAbsent(v, this::read);
  }

  private LearnedPolicy read(String v) {
    PolicyVersion m = manifest(v).orElseThrow(() -> unknown(v));
    byte[] bytes =
        artifacts
            .store()
            .get(weightsKey(v))
            .orElseThrow(
                () ->
                    new InputException(
                        "policy " + v + ": manifest without weights " + weightsKey(v)));
    PolicyNetwork net =
        PolicyNetwork.read(
            bytes,
            PolicyNetwork.Architecture.of(features, m.hidden()),
            artifacts.store().location() + "/" + weightsKey(v));
    return new LearnedPolicy("learned:" + v, net, features, m.temperature());
  }

  private InputException unknown(String v) {
    List<String> known = versions().stream().map(PolicyVersion::version).toList();
    return new InputException(
        "policy "
            + v
            + " is not in "
            + artifacts.store().location()
            + (known.isEmpty()
                ? " (no policy is stored yet: train one, e.g. with `agentq train-base`)"
                : " (stored: " + String.join(", ", known) + ")"));
  }

  public void promote(String version, String reason) {
    String v = normalise(version);
    manifest(v).orElseThrow(() -> unknown(v));
    String previous = promoted().map(Promotion::version).orElse(null);
    artifacts.put(PROMOTED, "policy-promotion", new Promotion(v, previous, reason));
  }

  public Optional<Promotion> promoted() {
    return artifacts.get(PROMOTED, Promotion.class);
  }
}
