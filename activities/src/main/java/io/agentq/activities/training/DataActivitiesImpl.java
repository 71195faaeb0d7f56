package io.agentq.activities.training;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.Policy;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.training.LearnedPolicy;
import io.agentq.infra.training.TrajectoryRecorder;
import io.agentq.workflows.training.DataActivities;
import io.agentq.workflows.training.DataEpisode;
import io.agentq.workflows.training.DataRequest;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The data workflow's episodes: thin over the site, the policies and the store. Demonstrations are
 * kept at {@code datasets/NAME/tN.json} (the request's prefix), with episode ids {@code NAME-tN}.
 */
public final class DataActivitiesImpl implements DataActivities {
  private static final String DATASETS = StoreKeys.dataset("");

  private final JsonArtifacts artifacts;
  private final TaskSites sites;
  private final AgentCatalog agents;

  public DataActivitiesImpl(JsonArtifacts artifacts, TaskSites sites, AgentCatalog agents) {
    this.artifacts = artifacts;
    this.sites = sites;
    this.agents = agents;
  }

  @Override
  public List<Integer> trainTasks(String environment, int from, int count) {
    List<Integer> all = sites.of(environment).tasks("train", from + count);
    return from >= all.size() ? List.of() : List.copyOf(all.subList(from, all.size()));
  }

  @Override
  public DataEpisode episode(DataRequest r, int task, int sample) {
    TaskSite site = sites.of(r.environment());
    TaskSite beating = Heartbeats.of(site);
    return switch (r.source()) {
      case DEMONSTRATIONS -> demonstration(site, beating, r, task);
      case SAMPLES -> {
        TrajectorySampling.Result s =
            new TrajectorySampling(artifacts, beating)
                .episode(r.prefix(), policy(r), task, sample, r.maxSteps(), r.seed());
        yield new DataEpisode(
            s.key(),
            task,
            s.trajectory().success(),
            s.trajectory().interactions(),
            0,
            0,
            s.readBack());
      }
      case CHECKED -> {
        CheckedSampling.Result c =
            new CheckedSampling(artifacts, beating)
                .episode(r.prefix(), policy(r), task, r.topResults(), r.maxSteps(), r.seed());
        yield new DataEpisode(
            c.key(),
            task,
            c.episode().success(),
            c.episode().interactions(),
            c.episode().labels().size(),
            c.episode().checks(),
            c.readBack());
      }
    };
  }

  private Policy policy(DataRequest r) {
    Policy p = agents.policy(r.policy());
    return r.temperature() >= 0 && p instanceof LearnedPolicy learned
        ? learned.withTemperature(r.temperature())
        : p;
  }

  /** The expert's episode on a task (its randomness seeded by the task). */
  private DataEpisode demonstration(TaskSite site, TaskSite beating, DataRequest r, int task) {
    String key = r.prefix() + "/t" + task + ".json";
    Optional<Episode> done = artifacts.get(key, Episode.class);
    if (done.isPresent()) {
      Episode t = done.get();
      return new DataEpisode(key, task, t.success(), t.interactions(), 0, 0, true);
    }
    String name =
        r.prefix().startsWith(DATASETS)
            ? r.prefix().substring(DATASETS.length())
            : r.prefix().replace('/', '-');
    String episodeId = name + "-t" + task;
    Episode t;
    try (Environment env = beating.sandbox(task, episodeId)) {
      t =
          new TrajectoryRecorder(new ObservationStore(artifacts))
              .record(
                  episodeId,
                  Integer.toString(task),
                  site.target(task),
                  env,
                  site.expert(task),
                  r.maxSteps(),
                  new SplittableRandom(task));
    }
    artifacts.put(key, "episode", t);
    return new DataEpisode(key, task, t.success(), t.interactions(), 0, 0, false);
  }
}
