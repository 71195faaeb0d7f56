package io.agentq.infra.training;

import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.InputException;
import io.agentq.core.Instruction;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.core.training.CriticExamples;
import io.agentq.core.training.Decision;
import io.agentq.core.training.EpochMetrics;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link ListwiseCritic} on stored search trees: every node {@link CriticExamples} keeps
 * becomes one {@link Decision} over its explored proposals (their {@link ListwiseFeatures} rows,
 * computed with all K in view) whose chosen index is the proposal with the best Q_mcts, so that
 * {@link PolicyTrainer#imitate} minimises the listwise softmax cross-entropy -log p(best). Trees
 * are split into training and validation by episode, never within one.
 */
public final class CriticTraining {
  /**
   * @param runId the run id of the searched episodes
   * @param policy the policy of those episodes
   * @param budget their search budget
   * @param tasks how many train tasks were searched
   * @param interactions environment steps the trees cost, summed
   * @param trees store keys of the trees ({@code episodes/ID/tree.json})
   * @param hidden the critic network's hidden layers
   * @param config training (imitation objective)
   * @param validationShare the share of trees held back for validation (the last ones)
   * @param leastGap the least Q_mcts gap between a node's best explored proposal and the next for
   *     the node to be an example (0: any strict preference)
   */
  public record Spec(
      String runId,
      String policy,
      String budget,
      int tasks,
      long interactions,
      List<String> trees,
      List<Integer> hidden,
      TrainingConfig config,
      double validationShare,
      double leastGap) {
    public Spec {
      trees = List.copyOf(trees);
      hidden = List.copyOf(hidden);
      if (!(validationShare >= 0 && validationShare < 1)) {
        throw new InputException("validation share must be in [0, 1), got " + validationShare);
      }
    }
  }

  /** The examples of some trees, and what was left out. */
  public record Examples(
      List<Decision> decisions, List<CriticExamples.Target> targets, Map<String, Integer> skipped) {
    public Examples {
      decisions = List.copyOf(decisions);
      targets = List.copyOf(targets);
      skipped = Map.copyOf(skipped);
    }

    /**
     * The share of examples whose best proposal has the highest behaviour log-likelihood among the
     * explored ones: how often ranking by the proposer's own likelihood is right.
     */
    public double likelihoodAccuracy() {
      if (targets.isEmpty()) {
        return 0;
      }
      int right = 0;
      for (CriticExamples.Target t : targets) {
        int top = t.explored().get(0);
        for (int i : t.explored()) {
          if (t.proposals().get(i).logLikelihood() > t.proposals().get(top).logLikelihood()) {
            top = i;
          }
        }
        right += top == t.best() ? 1 : 0;
      }
      return (double) right / targets.size();
    }

    /** The accuracy of a uniform pick among the explored proposals, in expectation. */
    public double chanceAccuracy() {
      return targets.stream().mapToDouble(t -> 1.0 / t.explored().size()).average().orElse(0);
    }
  }

  private final JsonArtifacts artifacts;
  private final ObservationStore observations;
  private final CriticStore critics;

  public CriticTraining(JsonArtifacts artifacts, CriticStore critics) {
    this.artifacts = artifacts;
    this.observations = new ObservationStore(artifacts);
    this.critics = critics;
  }

  /** The stored trees under {@code keys}, in order. */
  public List<TreeSnapshot> trees(List<String> keys) {
    List<TreeSnapshot> out = new ArrayList<>();
    for (String k : keys) {
      out.add(
          artifacts
              .get(k, TreeSnapshot.class)
              .orElseThrow(() -> new IllegalStateException("tree " + k + " is missing")));
    }
    return out;
  }

  /** The listwise examples of some trees: one decision per kept node. */
  public Examples examples(List<TreeSnapshot> trees, double leastGap) {
    CriticExamples.Extraction x = CriticExamples.of(trees, leastGap);
    List<Decision> decisions = new ArrayList<>();
    for (CriticExamples.Target t : x.targets()) {
      decisions.add(decision(t));
    }
    Map<String, Integer> skipped = new LinkedHashMap<>();
    for (CriticExamples.Skip s : CriticExamples.Skip.values()) {
      skipped.put(s.name().toLowerCase(java.util.Locale.ROOT), x.skipped(s));
    }
    return new Examples(decisions, x.targets(), skipped);
  }

  /** One target as the trainer reads it: the explored proposals' rows, the best one chosen. */
  public Decision decision(CriticExamples.Target t) {
    AgentState state =
        new AgentState(
            new Instruction(t.instruction()),
            t.history().stream().map(ActionParser::parse).toList(),
            observations.get(t.observationKey()));
    float[][] all = critics.features().rows(state, composites(t.proposals()));
    float[][] explored = new float[t.explored().size()][];
    for (int i = 0; i < explored.length; i++) {
      explored[i] = all[t.explored().get(i)];
    }
    return new Decision(explored, t.bestAmongExplored());
  }

  /** Proposals as a critic reads them: parsed back from their text form. */
  public static List<CompositeAction> composites(List<Proposal> proposals) {
    return proposals.stream().map(Proposal::composite).toList();
  }

  /** What a training produced: the stored manifest and the examples' baselines. */
  public record Result(
      CriticVersion version, Examples training, Examples validation, double seconds) {}

  /** A stored critic trained exactly as {@code spec} asks, if there is one. */
  public java.util.Optional<CriticVersion> trainedBefore(Spec spec) {
    String architecture = ListwiseCritic.architecture(critics.features(), spec.hidden()).describe();
    return critics.stored().stream().filter(v -> v.trainedAs(spec, architecture)).findFirst();
  }

  /** Trains on the spec's trees and stores the critic as {@code version}. */
  public Result train(String version, Spec spec) {
    long start = System.nanoTime();
    List<TreeSnapshot> trees = trees(spec.trees());
    int held = (int) Math.floor(trees.size() * spec.validationShare());
    Examples train = examples(trees.subList(0, trees.size() - held), spec.leastGap());
    Examples valid = examples(trees.subList(trees.size() - held, trees.size()), spec.leastGap());
    if (train.decisions().isEmpty()) {
      throw new InputException(
          "no critic examples in "
              + (trees.size() - held)
              + " trees (no node had two explored proposals with a best one above 0: "
              + train.skipped()
              + "); search more tasks");
    }
    ListwiseFeatures features = critics.features();
    PolicyTrainer trainer = new PolicyTrainer(spec.config());
    try (PolicyNetwork net =
        PolicyNetwork.initialised(
            ListwiseCritic.architecture(features, spec.hidden()), spec.config().seed())) {
      PolicyTrainer.Result r =
          trainer.imitate(net, train.decisions(), PolicyTrainer.Resume.fresh(), (e, w, m) -> {});
      EpochMetrics validation =
          valid.decisions().isEmpty() ? null : trainer.measure(net, List.of(), valid.decisions());
      Map<String, Integer> skipped = new LinkedHashMap<>();
      train.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
      valid.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
      CriticVersion v =
          new CriticVersion(
              version,
              "listwise critic on "
                  + spec.tasks()
                  + " searched train tasks of "
                  + spec.policy()
                  + " (run "
                  + spec.runId()
                  + ")",
              net.architecture().describe(),
              spec.hidden(),
              spec.config(),
              r.metrics(),
              validation,
              spec.runId(),
              spec.policy(),
              spec.budget(),
              spec.tasks(),
              spec.interactions(),
              spec.trees(),
              train.decisions().size(),
              valid.decisions().size(),
              skipped,
              spec.leastGap(),
              spec.validationShare(),
              valid.likelihoodAccuracy(),
              valid.chanceAccuracy(),
              Instant.now().toString());
      critics.save(v, net.write());
      return new Result(v, train, valid, (System.nanoTime() - start) / 1e9);
    }
  }
}
