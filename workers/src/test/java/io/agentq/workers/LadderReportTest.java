package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.workers.evaluation.LadderReport;
import io.agentq.workers.evaluation.LadderRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderReportTest {
  private static LadderRow row(String name, List<Integer> solved) {
    return new LadderRow(
        name, "v0", "none", "-", "-", List.of(1, 2, 3, 4), solved, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void passKOverRunsIsPrintedPerRowAndPerStratum() {
    // Task 1 and 2 bookable, 3 and 4 unbookable. Three runs: task 1 won 3/3, task 2 won 2/3,
    // task 3 won 1/3, task 4 never. By hand, C(c,k)/C(3,k) per task, averaged:
    // pass^1 = (1 + 2/3 + 1/3 + 0)/4 = 50.0%; pass^2 = (1 + 1/3 + 0 + 0)/4 = 33.3%;
    // pass^3 = (1 + 0 + 0 + 0)/4 = 25.0%; pass^3/pass^1 = 0.50.
    // Bookable: pass^1 (1 + 2/3)/2 = 83.3%, pass^2 (1 + 1/3)/2 = 66.7%, pass^3 50.0%, 0.60.
    // Unbookable: pass^1 (1/3)/2 = 16.7%, pass^2 0, pass^3 0, 0.00.
    List<LadderRow> runs =
        List.of(
            row("base (BC)", List.of(1, 2, 3)),
            row("base (BC)", List.of(1, 2)),
            row("base (BC)", List.of(1)));
    Map<Integer, String> category =
        Map.of(1, "bookable/thai", 2, "bookable/sushi", 3, "unbookable/thai", 4, "unbookable/bbq");
    String md =
        new LadderReport(
                "t", List.of(runs.get(0)), List.of(), 100, "4 tasks", "none", category::get)
            .withRuns(Map.of("base (BC)", runs))
            .withCategoryName("category (bookable or not / cuisine)")
            .markdown();
    assertTrue(md.contains("| base (BC) | 4 | 3 | 50.0% | 33.3% | 25.0% | 0.50 |"), md);
    assertTrue(
        md.contains("| base (BC), bookable tasks | 2 | 3 | 83.3% | 66.7% | 50.0% | 0.60 |"), md);
    assertTrue(
        md.contains("| base (BC), unbookable tasks | 2 | 3 | 16.7% | 0.0% | 0.0% | 0.00 |"), md);
    assertTrue(md.contains("## Success by category (bookable or not / cuisine)"), md);
  }

  @Test
  void aLadderOfOneRunHasNoPassKTable() {
    LadderRow base = row("base (BC)", List.of(1));
    String md =
        new LadderReport("t", List.of(base), List.of(), 100, "4 tasks", "none", t -> "x")
            .markdown();
    assertTrue(!md.contains("pass^k") && md.contains("## Success by product category"), md);
  }

  @Test
  void aCategorysTaskCountIsTheMostAnyRowRanOn() {
    // base on tasks 1-4 (two of category x), a searched row on task 1 alone: x has 2 tasks.
    LadderRow base = row("base (BC)", List.of(1, 3));
    LadderRow searched =
        new LadderRow(
            "base + MCTS", "v0", "mcts", "c", "site", List.of(1), List.of(1), 0, 0, 0, 0, 0, 0, 0);
    Map<Integer, String> category = Map.of(1, "x", 2, "x", 3, "y", 4, "z");
    String md =
        new LadderReport(
                "t", List.of(base, searched), List.of(), 100, "4 tasks", "c", category::get)
            .markdown();
    assertTrue(md.contains("| x | 2 | 50% | 100% |"), md);
  }
}
