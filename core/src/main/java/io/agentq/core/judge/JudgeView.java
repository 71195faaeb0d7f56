package io.agentq.core.judge;

/**
 * An environment that can show its current page as an outside judge reads it: the page's visible
 * text less whatever the site marks as its own business (a score it prints for its operators, its
 * internal facts). The policy's observation is not changed by this; only the judge's view drops
 * them.
 */
public interface JudgeView {
  /** The current page's text as a judge reads it. */
  String judgeText();
}
