package io.agentq.workflows.cycle;

import java.util.List;

/**
 * Where a cycle's collection stands: the input of each run of the {@link CollectWorkflow} (it
 * continues as new every {@link CycleRequest#runEpisodes()} episodes, so a large cycle's history
 * stays small) and its result.
 *
 * @param done episodes finished, all runs together (at a run's start, every one launched)
 * @param spent interactions of the episodes taken
 * @param overrun interactions of episodes that ran but were not taken (past the budget)
 * @param end episodes taken: {@link Integer#MAX_VALUE} until the budget is reached, then the end of
 *     that batch
 * @param trees the taken episodes' tree keys, in task order
 * @param runs runs of the workflow so far (1 + continues-as-new)
 * @param cancelled an operator's cancel stopped it
 */
public record Collection(
    CycleRequest request,
    int done,
    int spent,
    int successes,
    int overrun,
    int end,
    List<String> trees,
    int runs,
    boolean cancelled) {
  public Collection {
    trees = List.copyOf(trees);
  }

  /** A cycle's collection before its first episode. */
  public static Collection start(CycleRequest r) {
    return new Collection(
        r, 0, 0, 0, 0, r.budget() > 0 ? Integer.MAX_VALUE : 0, List.of(), 1, false);
  }

  /** Episodes taken (the cycle's data), in the cycle's task order. */
  public int taken() {
    return Math.min(done, end);
  }
}
