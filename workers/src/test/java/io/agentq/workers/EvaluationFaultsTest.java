package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Episode;
import io.agentq.core.InputException;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopData;
import io.agentq.workers.evaluation.Evaluation;
import io.agentq.workers.runtime.Progress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation goes on past an episode that fails, records why, and counts it. */
class EvaluationFaultsTest {
  @TempDir Path dir;

  @Test
  void aFailedEpisodeIsRecordedWithItsReasonAndTheRestRun() {
    new CatalogGenerator(5, 3, 2).write(dir);
    List<Goal> goals =
        ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"))
            .goals()
            .subList(0, 4);
    Evaluation.Report r =
        Evaluation.run(
            "all",
            "none",
            "T=1",
            "http",
            goals,
            2,
            g -> {
              if (g.index() == 2) {
                throw new IllegalStateException(
                    "workflow failed", new java.io.IOException("connection reset by the shop"));
              }
              return new Episode(
                  null,
                  Integer.toString(g.index()),
                  null,
                  null,
                  "p",
                  true,
                  1.0,
                  true,
                  3,
                  null,
                  List.of());
            },
            Progress.silent());
    assertEquals(4, r.tasks());
    assertEquals(1, r.failed());
    assertEquals(3, r.success().successes());
    Episode failed = r.episodes().get(2);
    assertTrue(failed.failed());
    assertFalse(failed.success());
    assertEquals("IOException: connection reset by the shop", failed.failure());
  }

  @Test
  void badInputStillStopsTheEvaluation() {
    new CatalogGenerator(5, 3, 2).write(dir);
    List<Goal> goals =
        ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"))
            .goals()
            .subList(0, 2);
    assertThrows(
        InputException.class,
        () ->
            Evaluation.run(
                "all",
                "mcts",
                "",
                "http",
                goals,
                1,
                g -> {
                  throw new InputException("run id reused");
                },
                Progress.silent()));
  }
}
