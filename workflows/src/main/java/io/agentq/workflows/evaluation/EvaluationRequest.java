package io.agentq.workflows.evaluation;

import io.agentq.core.search.SearchConfig;
import io.agentq.workflows.search.EpisodeRequest;
import io.agentq.workflows.search.TaskQueues;

/**
 * One evaluation: a policy on a seeded sample of a split's tasks, stratified by category, without
 * search (each episode an activity in a sandbox session) or with search (each episode a {@code
 * SearchEpisodeWorkflow} child). Small values only.
 *
 * @param episodes where the episodes are: without search the store prefix of their results ({@code
 *     PREFIX/tN.json}, sandbox session ids from it), with search the id prefix of the episodes'
 *     workflows ({@code PREFIX-tN}); deterministic, so an evaluation started again reads back what
 *     finished and never runs an episode twice
 * @param policy the policy version (or a built-in agent such as "zero-shot")
 * @param critic the critic of the search (null without search)
 * @param search the search's budget and constants (null: no search)
 * @param split "train", "dev" or "heldout"
 * @param from the index in the split's seeded stratified order of the sample's first task
 * @param tasks the sample's size (N tasks of the split's order from {@code from})
 * @param maxSteps the episode step limit T without search
 * @param seed the episodes' sampling seed without search
 * @param window episodes running at once (0: {@link #DEFAULT_WINDOW})
 * @param temperature without search, the stored policy's sampling temperature (null: the one stored
 *     with it)
 * @param orchestration with search, how its episodes run (null: the defaults)
 * @param countFailures true: an episode that still fails after its retries is counted as failed (no
 *     success), with its reason, and the evaluation goes on (the commands' evaluations, whose
 *     failed episodes run again on a rerun); false: it fails the evaluation, which a rerun resumes
 *     (the cycles' and the ladder's, whose results are kept). Bad input always fails it.
 * @param environment the site ("shop", "booking"; null, as in requests made before there were two:
 *     the shop)
 */
public record EvaluationRequest(
    String episodes,
    String policy,
    String critic,
    SearchConfig search,
    String split,
    int from,
    int tasks,
    int maxSteps,
    long seed,
    int window,
    Double temperature,
    EpisodeRequest.Orchestration orchestration,
    boolean countFailures,
    String environment,
    String value) {
  /** Episodes at once when a request leaves it open. */
  public static final int DEFAULT_WINDOW = 4;

  /** A policy without search. */
  public static EvaluationRequest plain(
      String episodes,
      String policy,
      String split,
      int tasks,
      int maxSteps,
      long seed,
      int window) {
    return new EvaluationRequest(
        episodes, policy, null, null, split, 0, tasks, maxSteps, seed, window, null, null, false,
        null, null);
  }

  /** A policy with search, guided by a critic. */
  public static EvaluationRequest searched(
      String episodes,
      String policy,
      String critic,
      SearchConfig search,
      String split,
      int tasks,
      int window) {
    return new EvaluationRequest(
        episodes,
        policy,
        critic,
        search,
        split,
        0,
        tasks,
        search.maxDepth(),
        search.seed(),
        window,
        null,
        null,
        false,
        null,
        null);
  }

  /** The site of the evaluation; requests made before environments were named ran the shop. */
  @Override
  public String environment() {
    return TaskQueues.environmentOf(environment);
  }

  /** This evaluation on {@code count} tasks of the split's order from index {@code first}. */
  public EvaluationRequest slice(int first, int count) {
    return copy(first, count, temperature, orchestration, countFailures, environment, value);
  }

  /** This evaluation with the stored policy sampling at {@code t} (null: its own temperature). */
  public EvaluationRequest withTemperature(Double t) {
    return copy(from, tasks, t, orchestration, countFailures, environment, value);
  }

  /** This evaluation with its searched episodes run as {@code o} says. */
  public EvaluationRequest with(EpisodeRequest.Orchestration o) {
    return copy(from, tasks, temperature, o, countFailures, environment, value);
  }

  /**
   * This evaluation going on past an episode that fails after its retries, counting it as failed.
   */
  public EvaluationRequest countingFailures() {
    return copy(from, tasks, temperature, orchestration, true, environment, value);
  }

  /** This evaluation on the site {@code site}. */
  public EvaluationRequest on(String site) {
    return copy(from, tasks, temperature, orchestration, countFailures, site, value);
  }

  /** This evaluation's searches backing up {@code judge}'s verdicts (null: the site's reward). */
  public EvaluationRequest valuedBy(String judge) {
    return copy(from, tasks, temperature, orchestration, countFailures, environment, judge);
  }

  /** A copy with the fields the withers change; the rest (what is evaluated, and how) kept. */
  private EvaluationRequest copy(
      int first,
      int count,
      Double t,
      EpisodeRequest.Orchestration o,
      boolean counting,
      String site,
      String judge) {
    return new EvaluationRequest(
        episodes, policy, critic, search, split, first, count, maxSteps, seed, window, t, o,
        counting, site, judge);
  }

  public boolean withSearch() {
    return search != null;
  }

  public int windowOrDefault() {
    return window > 0 ? window : DEFAULT_WINDOW;
  }

  /** The searched episode of one task. */
  public EpisodeRequest episode(int task) {
    EpisodeRequest e =
        EpisodeRequest.of(episodes + "-t" + task, task, search)
            .with(new EpisodeRequest.Agents(policy, critic, value))
            .on(environment);
    return orchestration == null ? e : e.with(orchestration);
  }

  /** The evaluation's workflow id: one per episodes' place, so two callers share one run. */
  public String workflowId() {
    return "evaluation-"
        + episodes.replaceAll("[^A-Za-z0-9._-]", "-")
        + (from > 0 ? "-from" + from : "");
  }
}
