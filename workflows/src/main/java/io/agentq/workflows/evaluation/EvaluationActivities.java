package io.agentq.workflows.evaluation;

import io.agentq.core.search.EpisodeSummary;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The site's side of an evaluation: its task sample and one episode without search. */
@ActivityInterface(namePrefix = "Evaluation")
public interface EvaluationActivities {
  /**
   * The policy name of the site's scripted expert: it knows each task's goal and hunts its target
   * product, so its success says which goals can be solved ({@code agentq expert}).
   */
  String SCRIPTED_EXPERT = "scripted-expert";

  /**
   * {@code count} tasks of a split's seeded stratified order from index {@code from}, on the site
   * {@code environment} (null: the shop).
   */
  List<Integer> tasks(String environment, String split, int from, int count);

  /**
   * One episode without search.
   *
   * @param environment the site (null: the shop)
   * @param prefix the evaluation's store prefix: the episode is kept at {@code PREFIX/tN.json}
   * @param policy a name the workers' agents serve ("zero-shot", "v3"), or {@link #SCRIPTED_EXPERT}
   * @param temperature a stored policy's sampling temperature (null: the one stored with it)
   */
  record Plain(
      String environment,
      String prefix,
      String policy,
      int task,
      int maxSteps,
      long seed,
      Double temperature) {}

  /**
   * One episode of a policy without search in a sandbox session (scored, never an order), kept at
   * {@code PREFIX/tN.json} and read back when it finished before; heartbeats at every step.
   */
  EpisodeSummary episode(Plain episode);
}
