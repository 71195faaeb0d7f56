package io.agentq.activities.training;

import io.agentq.core.Action;
import io.agentq.core.Environment;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Sessions that heartbeat at every step of an activity's episode, so that the service sees a stuck
 * episode (its heartbeat timeout) and retries it; the episode's finished work is in the store.
 */
public final class Heartbeats {
  private Heartbeats() {}

  /** The site's sessions, heartbeating for the activity that calls this. */
  public static TaskSite of(TaskSite site) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    return new TaskSite() {
      @Override
      public String environment() {
        return site.environment();
      }

      @Override
      public java.util.List<Integer> tasks(String split, int limit) {
        return site.tasks(split, limit);
      }

      @Override
      public String category(int taskId) {
        return site.category(taskId);
      }

      @Override
      public String target(int taskId) {
        return site.target(taskId);
      }

      @Override
      public io.agentq.core.Policy expert(int taskId) {
        return site.expert(taskId);
      }

      @Override
      public io.agentq.core.Policy scriptedExpert(int taskId) {
        return site.scriptedExpert(taskId);
      }

      @Override
      public Environment sandbox(int taskId, String episodeId) {
        return new Beating(site.sandbox(taskId, episodeId), ctx);
      }
    };
  }

  private record Beating(Environment env, ActivityExecutionContext ctx) implements Environment {
    @Override
    public Instruction instruction() {
      return env.instruction();
    }

    @Override
    public Observation reset() {
      ctx.heartbeat("reset");
      return env.reset();
    }

    @Override
    public StepResult step(Action action) {
      StepResult r = env.step(action);
      ctx.heartbeat(r.observation().url());
      return r;
    }

    @Override
    public Observation observation() {
      return env.observation();
    }

    @Override
    public String stateUrl() {
      return env.stateUrl();
    }

    @Override
    public Observation restore(String stateUrl) {
      ctx.heartbeat(stateUrl);
      return env.restore(stateUrl);
    }

    @Override
    public void close() {
      env.close();
    }
  }
}
