package io.agentq.workflows.cycle;

/**
 * Where one step of a cycle stands, as status and the report show it.
 *
 * @param status pending, running, done, cached (finished by an earlier run of the same cycle and
 *     read back from the store), failed or cancelled (an operator asked the cycle to stop)
 * @param startedMillis workflow time when the step started (0: not yet)
 * @param finishedMillis workflow time when it finished (0: not yet)
 * @param summary what it made, in one line ("41 episodes, 6,012 interactions, 37 successes")
 * @param error why it failed (null unless failed)
 */
public record StepState(
    CycleStep step,
    String status,
    long startedMillis,
    long finishedMillis,
    String summary,
    String error) {
  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String CACHED = "cached";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  public static StepState pending(CycleStep step) {
    return new StepState(step, PENDING, 0, 0, null, null);
  }

  public StepState running(long now) {
    return new StepState(step, RUNNING, now, 0, null, null);
  }

  public StepState done(long now, String what) {
    return new StepState(step, DONE, startedMillis, now, what, null);
  }

  public StepState cached() {
    return new StepState(step, CACHED, startedMillis, finishedMillis, summary, null);
  }

  public StepState failed(long now, String why) {
    return new StepState(step, FAILED, startedMillis, now, summary, why);
  }

  public StepState cancelled(long now, String what) {
    return new StepState(
        step, CANCELLED, startedMillis == 0 ? now : startedMillis, now, what, null);
  }

  public boolean finished() {
    return status.equals(DONE) || status.equals(CACHED);
  }

  public double seconds() {
    return finishedMillis > 0 && startedMillis > 0 ? (finishedMillis - startedMillis) / 1000.0 : 0;
  }
}
