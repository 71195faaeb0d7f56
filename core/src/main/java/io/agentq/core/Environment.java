package io.agentq.core;

/** One episode's session on a web site, driven by actions. Closing it frees its browser. */
public interface Environment extends AutoCloseable {
  /** The instruction of this episode's task, as the agent sees it. */
  Instruction instruction();

  /** Opens the task's start page and returns it. */
  Observation reset();

  StepResult step(Action action);

  /** The current page. */
  Observation observation();

  /** A URL that puts a fresh session of this episode back on the current page. */
  String stateUrl();

  /** Puts the browser on the page of {@code stateUrl} (a value of {@link #stateUrl()}). */
  Observation restore(String stateUrl);

  @Override
  void close();
}
