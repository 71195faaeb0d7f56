package io.agentq.workflows.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.SearchConfig;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.SearchEpisodeWorkflow;
import io.agentq.workflows.search.TaskQueues;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that counts failures goes on past an episode that fails after its retries, records
 * why and counts it as no success; bad input still stops it; one that does not count failures (a
 * cycle's, the ladder's) fails, to be resumed. The site and the searched episodes are stand-ins.
 */
class EvaluationFaultsTest {
  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker(TaskQueues.WORKFLOW);
    worker.registerWorkflowImplementationTypes(EvaluationWorkflowImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** Tasks 10, 11, 12, 13; task 12's episode fails as {@code failure} says, the rest succeed. */
  static final class Site implements EvaluationActivities {
    final RuntimeException failure;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Site(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public List<Integer> tasks(String environment, String split, int from, int count) {
      return IntStream.range(10 + from, 10 + from + count).boxed().toList();
    }

    @Override
    public EpisodeSummary episode(Plain request) {
      int task = request.task();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
        if (task == 12 && failure != null) {
          throw failure;
        }
        return summary(request.prefix() + "-t" + task);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  static EpisodeSummary summary(String id) {
    return new EpisodeSummary(id, true, 1.0, 3, true, List.of("search[x]"), 0, 0, 0, 3, "none");
  }

  private EvaluationResult run(EvaluationRequest request) {
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            EvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setWorkflowId(request.workflowId())
                .build())
        .run(request);
  }

  private static EvaluationRequest plain(int window) {
    return EvaluationRequest.plain("evals/runs/r/p/all-T1-s1", "p", "all", 4, 1, 1, window);
  }

  @Test
  void aFailedEpisodeIsRecordedWithItsReasonAndTheRestRun() {
    Site site =
        new Site(
            new IllegalStateException(
                "workflow failed", new IOException("connection reset by the shop")));
    worker.registerActivitiesImplementations(site);
    EvaluationResult r = run(plain(2).countingFailures());
    assertEquals(List.of(10, 11, 12, 13), r.tasks());
    assertEquals(4, r.summary().tasks());
    assertEquals(3, r.summary().successes());
    assertEquals(
        List.of(new EvaluationResult.Failure(12, "IOException: connection reset by the shop")),
        r.failures());
    EpisodeSummary failed = r.episodes().get(2);
    assertFalse(failed.success());
    assertEquals(0, failed.steps());
    assertTrue(r.failure(11).isEmpty());
    assertTrue(site.mostAtOnce.get() <= 2, "the window holds: " + site.mostAtOnce.get());
  }

  @Test
  void badInputStillStopsTheEvaluation() {
    worker.registerActivitiesImplementations(
        new Site(new InputException("policy 'v7' is not in the store")));
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> run(plain(1).countingFailures()));
    ApplicationFailure bad = EvaluationWorkflowImpl.badInputIn(e).orElseThrow();
    assertEquals("policy 'v7' is not in the store", bad.getOriginalMessage());
  }

  @Test
  void withoutCountingFailuresAFailedEpisodeFailsTheEvaluation() {
    worker.registerActivitiesImplementations(new Site(new IllegalStateException("shop down")));
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> run(plain(2)));
    assertTrue(EvaluationWorkflowImpl.badInputIn(e).isEmpty());
  }

  /** A searched episode whose task 12 fails; the others succeed. */
  public static final class FailingEpisode implements SearchEpisodeWorkflow {
    @Override
    public EpisodeArtifacts run(EpisodeRequest request) {
      if (request.taskId() == 12) {
        throw ApplicationFailure.newFailure("the browser died", "java.io.IOException");
      }
      String id = request.episodeId();
      return new EpisodeArtifacts(
          summary(id),
          id + "/manifest",
          id + "/tree",
          id + "/trajectory",
          id + "/pairs",
          0,
          null,
          -1);
    }

    @Override
    public Progress progress() {
      return new Progress("finished", 0, 0, 0, 0, List.of());
    }
  }

  @Test
  void aFailedSearchedEpisodeIsCountedAndHasNoTree() {
    worker.registerWorkflowImplementationTypes(FailingEpisode.class);
    worker.registerActivitiesImplementations(new Site(null));
    EvaluationResult r =
        run(
            EvaluationRequest.searched(
                    "run", "p", "base-ranking", SearchConfig.defaults(), "all", 4, 2)
                .countingFailures());
    assertEquals(3, r.summary().successes());
    assertEquals(
        List.of(new EvaluationResult.Failure(12, "IOException: the browser died")), r.failures());
    assertEquals(List.of("run-t10/tree", "run-t11/tree", "", "run-t13/tree"), r.trees());
  }
}
