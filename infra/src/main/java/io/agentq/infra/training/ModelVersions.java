package io.agentq.infra.training;

import io.agentq.core.InputException;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of one kind of trained model in the artifact store: {@code FOLDER/xN/manifest.json}
 * and {@code FOLDER/xN/weights.bin} for N = 0, 1, 2, ..., with x the kind's letter (policies are
 * {@code policies/v0}, critics {@code critics/c0}). Names are allocated in the store, weights are
 * written before their manifest (a manifest is only ever seen with its weights), and a stored
 * version is never overwritten.
 *
 * @param <M> the kind's manifest
 */
public final class ModelVersions<M extends ModelVersions.Manifest> {
  /** What every manifest says: its own version name. */
  public interface Manifest {
    String version();
  }

  /**
   * One kind of model.
   *
   * @param noun how errors name one ("policy", "critic")
   * @param folder its folder in the store ("policies", "critics")
   * @param letter the letter of its version names ('v', 'c')
   * @param manifestKind the JSON artifact kind of its manifests
   * @param hint what to do when none is stored, for errors
   * @param otherNames the names that are not stored versions, for errors ("zero-shot")
   */
  public record Kind(
      String noun,
      String folder,
      char letter,
      String manifestKind,
      String hint,
      String otherNames) {}

  private final JsonArtifacts artifacts;
  private final Kind kind;
  private final Class<M> type;
  private final Pattern manifest;
  private final Pattern taken;

  public ModelVersions(JsonArtifacts artifacts, Kind kind, Class<M> type) {
    this.artifacts = artifacts;
    this.kind = kind;
    this.type = type;
    String f = Pattern.quote(kind.folder());
    char x = kind.letter();
    this.manifest = Pattern.compile(f + "/" + x + "(\\d+)/manifest\\.json");
    this.taken =
        Pattern.compile(f + "/(?:" + x + "(\\d+)/manifest|allocated/" + x + "(\\d+))\\.json");
  }

  public Kind kind() {
    return kind;
  }

  public JsonArtifacts artifacts() {
    return artifacts;
  }

  /** "v3" for "v3" or "3" (policies; "c3" for critics); bad input otherwise. */
  public String normalise(String version) {
    return normalise(kind, version);
  }

  /** A version name of {@code kind} in its one spelling; bad input otherwise. */
  public static String normalise(Kind kind, String version) {
    char x = kind.letter();
    Matcher m = Pattern.compile(x + "?(\\d+)").matcher(version.strip());
    if (!m.matches()) {
      throw new InputException(
          String.format(
              "%s version '%s' is not a version like %c0, %c1, %c2 (or %s)",
              kind.noun(), version, x, x, x, kind.otherNames()));
    }
    return x + Integer.toString(Integer.parseInt(m.group(1)));
  }

  public String manifestKey(String version) {
    return kind.folder() + "/" + normalise(version) + "/manifest.json";
  }

  public String weightsKey(String version) {
    return kind.folder() + "/" + normalise(version) + "/weights.bin";
  }

  /** Every stored version, oldest first. */
  public List<M> versions() {
    return artifacts.store().list(kind.folder() + "/" + kind.letter()).stream()
        .map(manifest::matcher)
        .filter(Matcher::matches)
        .map(m -> Integer.parseInt(m.group(1)))
        .sorted()
        .map(n -> manifest(kind.letter() + Integer.toString(n)).orElseThrow())
        .toList();
  }

  /** The next free version name: after every stored and every allocated version. */
  public String nextVersion() {
    return kind.letter()
        + Integer.toString(
            artifacts.store().list(kind.folder() + "/").stream()
                .map(taken::matcher)
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)))
                .max(Comparator.naturalOrder())
                .map(n -> n + 1)
                .orElse(0));
  }

  /**
   * Takes the next free version name for {@code owner} (a training round) and records it, so that a
   * second writer allocating before the first one stored its version gets another name. One writer
   * at a time allocates in a process.
   */
  public synchronized String allocate(String owner) {
    String v = nextVersion();
    artifacts.put(
        kind.folder() + "/allocated/" + v + ".json",
        kind.noun() + "-allocation",
        Map.of("owner", owner));
    return v;
  }

  public Optional<M> manifest(String version) {
    return artifacts.get(manifestKey(version), type);
  }

  /**
   * Stores a version: weights first, then the manifest. A version already stored is never
   * overwritten.
   */
  public void save(M manifest, byte[] weights) {
    String v = normalise(manifest.version());
    if (manifest(v).isPresent()) {
      throw new IllegalStateException(
          kind.noun() + " " + v + " is already stored in " + artifacts.store().location());
    }
    artifacts.store().put(weightsKey(v), weights, "application/octet-stream");
    artifacts.put(manifestKey(v), kind.manifestKind(), manifest);
  }

  /** A stored version's manifest and weights; bad input naming what is stored when it is not. */
  public Stored<M> read(String version) {
    String v = normalise(version);
    M m = manifest(v).orElseThrow(() -> unknown(v));
    byte[] bytes =
        artifacts
            .store()
            .get(weightsKey(v))
            .orElseThrow(
                () ->
                    new InputException(
                        kind.noun() + " " + v + ": manifest without weights " + weightsKey(v)));
    return new Stored<>(m, bytes, artifacts.store().location() + "/" + weightsKey(v));
  }

  /**
   * A version as read from the store.
   *
   * @param source where its weights are, for errors
   */
  public record Stored<M>(M manifest, byte[] weights, String source) {}

  public InputException unknown(String version) {
    List<String> known = versions().stream().map(Manifest::version).toList();
    return new InputException(
        kind.noun()
            + " "
            + version
            + " is not in "
            + artifacts.store().location()
            + (known.isEmpty()
                ? " (no " + kind.noun() + " is stored yet: " + kind.hint() + ")"
                : " (stored: " + String.join(", ", known) + ")"));
  }
}
