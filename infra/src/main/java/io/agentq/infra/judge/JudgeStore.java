package io.agentq.infra.judge;

import io.agentq.core.InputException;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.ModelVersions;
import io.agentq.infra.training.PolicyNetwork;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judge versions in the artifact store ({@code judges/j0}, {@code j1}, ..., kept by {@link
 * ModelVersions} as policies and critics are: weights first, then the manifest, never overwritten),
 * loaded by name ({@code judge:j1} or {@code j1}) once per process. This is the entry point a
 * search that backs up a judge's verdict uses.
 */
public final class JudgeStore {
  /** Judges: {@code judges/jN}. */
  public static final ModelVersions.Kind JUDGES =
      new ModelVersions.Kind(
          "judge",
          "judges",
          'j',
          "judge-version",
          "train one with `agentq train-judge`",
          "judge:jN");

  /** The prefix of a judge's name where a name could also be something else ("judge:j1"). */
  public static final String PREFIX = "judge:";

  private final ModelVersions<JudgeVersion> versions;
  private final Map<String, LearnedJudge> loaded = new ConcurrentHashMap<>();

  public JudgeStore(JsonArtifacts artifacts) {
    this.versions = new ModelVersions<>(artifacts, JUDGES, JudgeVersion.class);
  }

  public ModelVersions<JudgeVersion> versions() {
    return versions;
  }

  public List<JudgeVersion> stored() {
    return versions.versions();
  }

  /** "j1" for "judge:j1", "j1" or "1"; bad input otherwise. */
  public static String normalise(String name) {
    String n = name.strip();
    return ModelVersions.normalise(JUDGES, n.startsWith(PREFIX) ? n.substring(PREFIX.length()) : n);
  }

  public void save(JudgeVersion manifest, byte[] weights) {
    versions.save(manifest, weights);
  }

  /** A stored judge, frozen (cached per process); bad input naming what is stored when unknown. */
  public LearnedJudge load(String name) {
    return loaded.computeIfAbsent(normalise(name), this::read);
  }

  private LearnedJudge read(String v) {
    ModelVersions.Stored<JudgeVersion> s = versions.read(v);
    JudgeVersion m = s.manifest();
    JudgeFeatures features = new JudgeFeatures(java.util.Set.copyOf(m.filler()));
    if (!m.layout().equals(features.layout())) {
      throw new InputException(
          "judge "
              + v
              + " reads features "
              + m.layout()
              + ", but this build computes "
              + features.layout()
              + ": train a new judge with `agentq train-judge`");
    }
    PolicyNetwork net =
        PolicyNetwork.read(s.weights(), architecture(features, m.hidden()), s.source());
    return new LearnedJudge(
        PREFIX + v, net, features, doubles(m.mean()), doubles(m.scale()), m.threshold());
  }

  /** The network a judge over {@code features} has. */
  static PolicyNetwork.Architecture architecture(JudgeFeatures features, List<Integer> hidden) {
    return new PolicyNetwork.Architecture(features.layout(), features.width(), hidden);
  }

  static double[] doubles(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
