package io.agentq.infra.judge;

import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.StoreKeys;
import io.agentq.core.judge.JudgeInput;
import io.agentq.core.judge.JudgeView;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Collects labelled episodes for the outcome judge on any site: a source's policy runs each task of
 * a split's seeded stratified sample through {@link EpisodeLoop} in the site's environment, and the
 * episode is kept as the judge would see it ({@link JudgeInput}, from the environment's {@link
 * JudgeView} of the final page) beside the site's own outcome. Each episode is stored under {@link
 * StoreKeys#judgedEpisodes} as soon as it ends, so a rerun reads it back instead of running it
 * again.
 */
public final class JudgeEpisodes {
  /** A site as the judge's data sees it. */
  public interface Site {
    /** Its name in store keys and reports ("shop", "booking"). */
    String name();

    /**
     * The first {@code limit} task ids of the split's seeded order stratified by category (the
     * whole split when it is smaller): never the first tasks of a file.
     */
    List<Integer> tasks(String split, int limit);

    /** The task's category. */
    String category(int taskId);

    /**
     * A fresh session of the task (a sandbox, where the site has one); it must be a {@link
     * JudgeView}, so that the judge reads its final page without the site's private marks.
     */
    Environment episode(int taskId, String episodeId);
  }

  /**
   * What produces episodes: a name and each task's policy.
   *
   * @param name its name in store keys and reports ("zero-shot", "expert", "expert-deviating")
   * @param policy the policy of a task (an expert knows its task)
   */
  public record Source(String name, IntFunction<Policy> policy) {}

  /** Told of each episode as it is run or read back. */
  public interface Progress {
    Progress NONE = (e, readBack) -> {};

    void episode(LabelledEpisode episode, boolean readBack);
  }

  private final JsonArtifacts artifacts;
  private final int maxSteps;
  private final long seed;

  public JudgeEpisodes(JsonArtifacts artifacts, int maxSteps, long seed) {
    if (maxSteps < 1) {
      throw new InputException("--max-steps must be at least 1, got " + maxSteps);
    }
    this.artifacts = artifacts;
    this.maxSteps = maxSteps;
    this.seed = seed;
  }

  /** Where the episodes of a source on a split are kept. */
  public String prefix(Site site, Source source, String split) {
    return StoreKeys.judgedEpisodes(site.name(), source.name(), split, maxSteps, seed);
  }

  /**
   * The source's episodes on the first {@code limit} tasks of the split's sample: those already
   * stored read back, the others run and stored.
   */
  public List<LabelledEpisode> collect(
      Site site, Source source, String split, int limit, Progress progress) {
    if (limit < 1) {
      throw new InputException("judge data: the number of " + split + " tasks must be positive");
    }
    List<Integer> tasks = site.tasks(split, limit);
    if (tasks.isEmpty()) {
      throw new InputException(
          "judge data: the " + site.name() + " site has no " + split + " tasks");
    }
    String prefix = prefix(site, source, split);
    List<LabelledEpisode> out = new ArrayList<>();
    for (int task : tasks) {
      String key = StoreKeys.evaluationEpisode(prefix, task);
      Optional<LabelledEpisode> stored = artifacts.get(key, LabelledEpisode.class);
      LabelledEpisode e;
      if (stored.isPresent()) {
        e = stored.get();
      } else {
        e = run(site, source, split, task);
        if (e.failure() == null) { // a failed run is not kept: the next run tries it again
          artifacts.put(key, "judged-episode", e);
        }
      }
      progress.episode(e, stored.isPresent());
      out.add(e);
    }
    return out;
  }

  /** One episode of the source on a task, labelled with the site's outcome. */
  LabelledEpisode run(Site site, Source source, String split, int task) {
    String episodeId = "judge-" + site.name() + "-" + source.name() + "-s" + seed + "-t" + task;
    // One generator per (seed, source, task): a rerun of any one episode is the same episode.
    SplittableRandom random =
        new SplittableRandom(seed * 1_000_003L + task * 7_919L + source.name().hashCode());
    try (Environment env = site.episode(task, episodeId)) {
      if (!(env instanceof JudgeView view)) {
        throw new IllegalArgumentException(
            "the "
                + site.name()
                + " site's environment cannot show its page to a judge (not a JudgeView)");
      }
      Policy policy = source.policy().apply(task);
      Episode ep =
          new EpisodeLoop(policy, maxSteps)
              .run(episodeId, Integer.toString(task), env, random, EpisodeLoop.Pages.NONE);
      JudgeInput input = JudgeInput.of(ep, view.judgeText(), null);
      return new LabelledEpisode(
          site.name(),
          split,
          source.name(),
          task,
          site.category(task),
          episodeId,
          input,
          ep.success(),
          ep.score(),
          null);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      return new LabelledEpisode(
          site.name(),
          split,
          source.name(),
          task,
          site.category(task),
          episodeId,
          null,
          false,
          0,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
