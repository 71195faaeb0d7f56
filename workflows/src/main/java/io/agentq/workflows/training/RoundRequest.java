package io.agentq.workflows.training;

import io.agentq.core.training.DataSet;
import io.agentq.core.training.TrainingConfig;
import java.util.List;

/**
 * One training round: train a new policy version on data already in the store, evaluate it on the
 * dev split, and promote it if it is not worse than the current one. Small values and keys only.
 *
 * @param roundId deterministic id: the workflow id and the key prefix of the round's artifacts
 * @param method "bc", "rft", "outcome-dpo", "agentq-round-1", ...
 * @param parent the version training starts from (null: fresh weights)
 * @param current the version to beat on dev for promotion (null: promote if training succeeds)
 * @param hidden hidden layer sizes of fresh weights
 * @param temperature sampling temperature stored with the new version
 * @param data the data, by kind (the config's objective says what is made of it)
 * @param pairsPerTask outcome DPO: most pairs made per task
 * @param dev how the dev split is evaluated
 * @param promotionMargin the new version is promoted when its dev success is at least the current
 *     one's minus this (default 0: not worse)
 * @param layout the feature row of fresh weights (null: the default, the decision row)
 * @param promote whether the round promotes its version when it is not worse on dev (null, as in
 *     requests recorded before the flag: yes); false: the round trains and evaluates on dev, and
 *     its caller (a daily cycle) decides
 */
public record RoundRequest(
    String roundId,
    String method,
    String description,
    String parent,
    String current,
    List<Integer> hidden,
    double temperature,
    TrainingConfig config,
    List<DataSet> data,
    int pairsPerTask,
    DevEvaluation dev,
    double promotionMargin,
    String layout,
    Boolean promote) {
  public RoundRequest {
    hidden = List.copyOf(hidden);
    data = List.copyOf(data);
  }

  /** Whether the round itself promotes (see {@code promote}). */
  public boolean promotes() {
    return promote == null || promote;
  }

  /**
   * @param tasks dev tasks: a seeded sample of N, stratified by category (the site's {@code
   *     TaskSite.tasks})
   * @param maxSteps the episode step limit T
   * @param seed the episodes' sampling seed
   * @param environment the site whose dev tasks these are (null: the shop)
   */
  public record DevEvaluation(int tasks, int maxSteps, long seed, String environment) {
    /** Dev tasks of the shop. */
    public DevEvaluation(int tasks, int maxSteps, long seed) {
      this(tasks, maxSteps, seed, null);
    }
  }
}
