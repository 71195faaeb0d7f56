package io.agentq.workflows.cycle;

import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.training.RoundResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A cycle's progress and results as kept in the store ({@code cycles/ID/cycle.json}) after every
 * step, so that a cycle started again after the embedded service lost everything continues from its
 * last finished step; small values and keys only.
 *
 * @param request what the cycle was started with
 * @param steps every step's state, in order
 * @param collected what collection took (null until it finished)
 * @param pairs the pairs and the replay buffer (null until made)
 * @param round the training round (null until trained)
 * @param evaluated the held-out rows of the report (null until evaluated)
 * @param promoted whether the candidate became the promoted version (null until decided)
 * @param reportKey the report's HTML (null until written)
 */
public record CycleRecord(
    CycleRequest request,
    List<StepState> steps,
    Collected collected,
    PairsMade pairs,
    RoundResult round,
    Evaluated evaluated,
    Boolean promoted,
    String reportKey) {
  public CycleRecord {
    steps = List.copyOf(steps);
  }

  public static CycleRecord start(CycleRequest request) {
    List<StepState> s = new ArrayList<>();
    for (CycleStep step : CycleStep.values()) {
      s.add(StepState.pending(step));
    }
    return new CycleRecord(request, s, null, null, null, null, null, null);
  }

  public StepState step(CycleStep step) {
    return steps.get(step.ordinal());
  }

  public CycleRecord with(StepState state) {
    List<StepState> s = new ArrayList<>(steps);
    s.set(state.step().ordinal(), state);
    return new CycleRecord(request, s, collected, pairs, round, evaluated, promoted, reportKey);
  }

  public CycleRecord withCollected(Collected c) {
    return new CycleRecord(request, steps, c, pairs, round, evaluated, promoted, reportKey);
  }

  public CycleRecord withPairs(PairsMade p) {
    return new CycleRecord(request, steps, collected, p, round, evaluated, promoted, reportKey);
  }

  public CycleRecord withRound(RoundResult r) {
    return new CycleRecord(request, steps, collected, pairs, r, evaluated, promoted, reportKey);
  }

  public CycleRecord withEvaluated(Evaluated e) {
    return new CycleRecord(request, steps, collected, pairs, round, e, promoted, reportKey);
  }

  public CycleRecord withPromoted(boolean p) {
    return new CycleRecord(request, steps, collected, pairs, round, evaluated, p, reportKey);
  }

  public CycleRecord withReport(String key) {
    return new CycleRecord(request, steps, collected, pairs, round, evaluated, promoted, key);
  }

  /** The cycle's overall state: the first step not finished decides. */
  public String status() {
    for (StepState s : steps) {
      if (s.status().equals(StepState.FAILED)) {
        return StepState.FAILED;
      }
      if (s.status().equals(StepState.CANCELLED)) {
        return StepState.CANCELLED;
      }
    }
    for (StepState s : steps) {
      if (!s.finished()) {
        return s.status().equals(StepState.PENDING) && s == steps.get(0)
            ? StepState.PENDING
            : StepState.RUNNING;
      }
    }
    return StepState.DONE;
  }

  /**
   * What collection took: the searched train episodes whose interactions reached the budget, in the
   * cycle's task order.
   *
   * @param episodes searched episodes whose trees are the cycle's data
   * @param successes of those, how many committed a successful purchase
   * @param interactions their environment interactions (the budget's count)
   * @param overrun interactions of episodes that were already running when the budget was reached
   *     (spent, not trained on)
   * @param treesKey the store key of the list of the episodes' tree keys
   * @param tasksKey the store key of the list of train tasks the cycle used (earlier-cycle
   *     exclusion)
   */
  public record Collected(
      int episodes,
      int successes,
      int interactions,
      int overrun,
      String treesKey,
      String tasksKey) {}

  /**
   * The node pairs of the cycle's trees and the replay buffer of the cycles before it.
   *
   * @param pairs pairs kept from this cycle's trees (visits rule)
   * @param bufferCycles the earlier cycles whose pairs and trees are in the buffer
   * @param bufferPairs pairs in the whole buffer (this cycle's included)
   * @param pairFilesKey the list of pair files the round trains on (this cycle's and earlier)
   * @param treeFilesKey the list of trees whose soft targets the round trains on
   * @param meanGap mean Q gap of this cycle's pairs
   * @param criticOnly share of this cycle's pairs whose both sides no rollout ever reached a
   *     terminal page (decided by the critic's value alone)
   */
  public record PairsMade(
      int pairs,
      List<String> bufferCycles,
      int bufferPairs,
      String pairFilesKey,
      String treeFilesKey,
      double meanGap,
      double criticOnly) {
    public PairsMade {
      bufferCycles = List.copyOf(bufferCycles);
    }
  }

  /**
   * The held-out rows of the report: parent and candidate, without search and with it.
   *
   * @param parentSearch null when the cycle asked for no searched held-out row
   */
  public record Evaluated(
      EvalSummary parent,
      EvalSummary candidate,
      EvalSummary parentSearch,
      EvalSummary candidateSearch) {}
}
