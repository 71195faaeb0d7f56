package io.agentq.workflows.cycle;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The store's side of a daily cycle: its record, its tasks, its pairs and its report. Inputs and
 * outputs are keys and small values; every method is idempotent (a retried or resumed call reads
 * back what a finished one wrote).
 */
@ActivityInterface(namePrefix = "Cycle")
public interface CycleActivities {
  /**
   * A template's concrete request (see {@link CycleRequest}); a cycle that ran before keeps the
   * request it first ran with, and a template that asks for something else is bad input.
   */
  CycleRequest resolve(CycleRequest template, String workflowId);

  /**
   * The cycle's record: the stored one when the cycle ran before (a cycle id reused with another
   * request is bad input), else a fresh one, stored.
   */
  CycleRecord begin(CycleRequest request);

  /** Whether an operator asked the cycle to stop ({@code cycle cancel}). */
  boolean cancelRequested(String cycleId);

  /** Stores the cycle's record (after every step). */
  void save(CycleRecord record);

  /**
   * Train tasks {@code from} to {@code from + count} (fewer at the end) of the cycle's task order:
   * the train split's seeded stratified order without the tasks earlier cycles used, frozen the
   * first time it is asked for; of {@code environment}'s site (null: the shop).
   */
  List<Integer> trainTasks(String cycleId, String environment, int from, int count);

  /** Stores the collected episodes' trees and tasks; returns what collection took. */
  CycleRecord.Collected collected(
      String cycleId,
      List<String> treeKeys,
      List<Integer> tasks,
      int successes,
      int interactions,
      int overrun);

  /**
   * The node pairs of the cycle's trees (theta of the search config, the visits rule), written
   * under {@code pairs/ID/}, and the replay buffer: every cycle whose pairs were made before this
   * one's, frozen the first time.
   */
  CycleRecord.PairsMade pairs(CycleRequest request, String treesKey);

  /** Writes {@code reports/ID/report.json} and {@code report.html}; returns the HTML's key. */
  String report(String cycleId);
}
