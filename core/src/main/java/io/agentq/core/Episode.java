package io.agentq.core;

import java.util.List;

/**
 * One episode, the one record of it everywhere: its outcome and the steps it committed, each with
 * the state it was taken in (the page's url, its stored observation when kept, the history before
 * it), what the agent did and what followed. Evaluations without search keep it per episode,
 * searched episodes keep it as {@code trajectory.json} beside their tree (each step with its node),
 * and training data (demonstrations, the policy's own samples, their successes) are these records.
 * Success means score == 1 exactly (WebShop's r_harsh).
 *
 * @param episodeId the episode's id (null where the caller named none)
 * @param taskId the goal's index in the task file
 * @param target the target product of the task (null where not known: it proves no held-out product
 *     reaches training)
 * @param instruction the goal's text
 * @param policy the policy that acted (empty when the episode could not start)
 * @param terminated whether the episode ended in a terminal state (rather than the step limit)
 * @param interactions environment steps the episode cost (its steps without search; with search,
 *     every sandbox, rollout and live step)
 * @param failure why the episode could not be run to its end (null when it was): an episode that
 *     fails counts as no success, and an evaluation goes on
 */
public record Episode(
    String episodeId,
    String taskId,
    String target,
    String instruction,
    String policy,
    boolean success,
    double score,
    boolean terminated,
    int interactions,
    String failure,
    List<Step> steps) {
  public Episode {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * One committed step.
   *
   * @param step its number, from 1
   * @param url the state the decision was made in (the page's url, which the site's state is read
   *     back from)
   * @param observationKey where that page is stored (null when the episode did not keep pages)
   * @param history the commands before this one
   * @param command what the agent did
   * @param logLikelihood the command's behaviour log-likelihood under the acting policy
   * @param invalid whether the site refused the command (it still counts as a step)
   * @param message the site's message after it
   * @param reward the reward after it (the score when it ended the episode)
   * @param node where the step sits in its search tree (null without search)
   */
  public record Step(
      int step,
      String url,
      String observationKey,
      List<String> history,
      String command,
      String thought,
      String explanation,
      double logLikelihood,
      boolean invalid,
      String message,
      double reward,
      Node node) {
    public Step {
      history = history == null ? List.of() : List.copyOf(history);
    }

    /** A decision kept for training: its page, the history before it and the command taken. */
    public static Step decision(
        String observationKey, List<String> history, String command, double logLikelihood) {
      return new Step(
          history.size() + 1,
          null,
          observationKey,
          history,
          command,
          null,
          null,
          logLikelihood,
          false,
          null,
          0,
          null);
    }
  }

  /** A searched step's node: its id, its edge visits and its Q_mix when the episode closed. */
  public record Node(int id, int visits, double qMix) {}

  /** An episode that could not be run to its end, and why. */
  public static Episode failed(String episodeId, String taskId, String policy, String why) {
    return new Episode(episodeId, taskId, null, null, policy, false, 0, false, 0, why, List.of());
  }

  public boolean failed() {
    return failure != null;
  }

  /** Steps committed (invalid ones included). */
  public int length() {
    return steps.size();
  }

  /** The committed commands, in order. */
  public List<String> commands() {
    return steps.stream().map(Step::command).toList();
  }

  /** log pi_behaviour(episode): the sum of its steps' log-likelihoods. */
  public double logLikelihood() {
    return steps.stream().mapToDouble(Step::logLikelihood).sum();
  }

  /** The same episode under an id and with its task's target product. */
  public Episode named(String id, String targetProduct) {
    return new Episode(
        id,
        taskId,
        targetProduct,
        instruction,
        policy,
        success,
        score,
        terminated,
        interactions,
        failure,
        steps);
  }
}
