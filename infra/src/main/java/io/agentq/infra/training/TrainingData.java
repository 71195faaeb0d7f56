package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.Episode;
import io.agentq.core.Instruction;
import io.agentq.core.training.Decision;
import io.agentq.core.training.Preference;
import io.agentq.infra.artifacts.ObservationStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns stored episodes into what the trainer reads: decisions (imitation) and preferences (DPO),
 * each decision the frozen features of its page's candidates. A step whose command is not among its
 * page's candidates (the policy could never take it) is left out and counted.
 */
public final class TrainingData {
  private final ObservationStore observations;
  private final PolicyFeatures features;
  private int skipped;

  public TrainingData(ObservationStore observations, PolicyFeatures features) {
    this.observations = observations;
    this.features = features;
  }

  /** Steps left out so far because their command was not a candidate of their page. */
  public int skipped() {
    return skipped;
  }

  public Optional<Decision> decision(
      String instruction, String observationKey, List<String> history, String command) {
    AgentState state =
        new AgentState(
            new Instruction(instruction),
            history.stream().map(ActionParser::parse).toList(),
            observations.get(observationKey));
    Action action = ActionParser.parse(command);
    Optional<Decision> d = LearnedPolicy.decision(features, state, action);
    if (d.isEmpty()) {
      skipped++;
    }
    return d;
  }

  /** Every step of the trajectories, for imitation (BC on demonstrations, RFT on successes). */
  public List<Decision> decisions(List<Episode> trajectories) {
    List<Decision> out = new ArrayList<>();
    for (Episode t : trajectories) {
      for (Episode.Step s : t.steps()) {
        decision(t.instruction(), s.observationKey(), s.history(), s.command()).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Outcome DPO (Eq. 6): on each task, each success against each failure (at most {@code perTask}
   * pairs), log pi of a side the sum over its steps, the reference the behaviour log-likelihoods
   * recorded with the steps.
   */
  public List<Preference> outcomePairs(List<Episode> trajectories, int perTask) {
    Map<String, List<Episode>> byTask = new LinkedHashMap<>();
    for (Episode t : trajectories) {
      byTask.computeIfAbsent(t.taskId(), k -> new ArrayList<>()).add(t);
    }
    List<Preference> out = new ArrayList<>();
    // A trajectory meets several of the other side: its decisions are built once.
    Map<Episode, Optional<List<Decision>>> built = new java.util.IdentityHashMap<>();
    for (List<Episode> runs : byTask.values()) {
      List<Episode> wins = runs.stream().filter(Episode::success).toList();
      List<Episode> losses = runs.stream().filter(t -> !t.success()).toList();
      int made = 0;
      for (Episode w : wins) {
        for (Episode l : losses) {
          if (made == perTask) {
            break;
          }
          Optional<List<Decision>> dw = built.computeIfAbsent(w, this::all);
          Optional<List<Decision>> dl = built.computeIfAbsent(l, this::all);
          if (dw.isPresent() && dl.isPresent() && !dw.get().isEmpty() && !dl.get().isEmpty()) {
            out.add(new Preference(dw.get(), dl.get(), w.logLikelihood(), l.logLikelihood()));
            made++;
          }
        }
      }
    }
    return out;
  }

  /** Every step of a trajectory as a decision, or empty if one of them is not a candidate. */
  private Optional<List<Decision>> all(Episode t) {
    List<Decision> out = new ArrayList<>();
    for (Episode.Step s : t.steps()) {
      Optional<Decision> d =
          decision(t.instruction(), s.observationKey(), s.history(), s.command());
      if (d.isEmpty()) {
        return Optional.empty();
      }
      out.add(d.get());
    }
    return Optional.of(out);
  }
}
