package io.agentq.workflows.cycle;

import io.agentq.core.search.SearchConfig;
import io.agentq.core.training.TrainingConfig;
import java.util.List;

/**
 * One daily self-improvement cycle: small values only.
 *
 * <p>A request may be a template that the cycle resolves when it starts (a schedule's action, or a
 * command that names the promoted version): its id is then taken from the workflow id, "promoted"
 * from the store, the critic from the parent's lineage, the hidden sizes and temperature from the
 * parent's manifest.
 *
 * @param cycleId deterministic id: the workflow id, and the key prefix of the cycle's artifacts
 *     ({@code cycles/ID/}, {@code pairs/ID/}, {@code reports/ID/}) and of its children's ids (null
 *     in a template: from the workflow id)
 * @param environment the environment's id ("shop")
 * @param parent the policy version the cycle starts from (its search proposes, its training starts
 *     there, and the candidate must not be worse than it on dev)
 * @param critic the critic of the search ("base-ranking:vN", "critic:cN", ...)
 * @param budget environment interactions of collection: searched train episodes are taken, in the
 *     cycle's task order, until their interactions reach it
 * @param window searched episodes running at once during collection
 * @param search the search budget and constants of collection and of the held-out search rows
 * @param visits the visits rule of pairs at purchase nodes
 * @param training the round's training config (Agent Q: pairs and soft targets)
 * @param hidden the policy's hidden sizes (those of the parent; empty in a template)
 * @param temperature the new version's sampling temperature (negative in a template: the parent's)
 * @param devTasks dev tasks of the promotion decision (no search)
 * @param heldoutTasks held-out tasks of the report without search
 * @param heldoutSearchTasks held-out tasks of the report with search (0: none)
 * @param maxSteps the episode step limit T of the evaluations
 * @param seed the episodes' sampling seed
 * @param promotionMargin the candidate is promoted when its dev success is at least the parent's
 *     minus this
 * @param lineage the series the cycle belongs to (null: {@link #DAILY}): a cycle takes train tasks
 *     that no earlier cycle of its lineage used, and its replay buffer is their pairs and trees (a
 *     ladder runs one lineage per variant)
 * @param episodes the id prefix of its collected episodes (null: {@code CYCLE-collect}); two cycles
 *     that search the same tasks with the same policy may share them by naming one prefix
 * @param batch collection takes whole batches of this many tasks in the task order (0 or 1: the
 *     shortest prefix whose interactions reach the budget)
 * @param trainOnPairs whether the round trains on node pairs (null: yes; a distillation-only
 *     variant trains on soft targets alone)
 * @param episodesPerRun collection continues as new after this many episodes, so that a large
 *     cycle's history stays small (0: {@link #EPISODES_PER_RUN})
 * @param value what the cycle's searches back up: null for the site's reward in a sandbox (as every
 *     request made before there were judges), or a stored judge ("judge:jN")
 */
public record CycleRequest(
    String cycleId,
    String environment,
    String parent,
    String critic,
    int budget,
    int window,
    SearchConfig search,
    int visits,
    TrainingConfig training,
    List<Integer> hidden,
    double temperature,
    int devTasks,
    int heldoutTasks,
    int heldoutSearchTasks,
    int maxSteps,
    long seed,
    double promotionMargin,
    String lineage,
    String episodes,
    int batch,
    Boolean trainOnPairs,
    int episodesPerRun,
    String value) {
  public CycleRequest {
    hidden = List.copyOf(hidden);
  }

  /** A request whose searches back up the site's reward. */
  public CycleRequest(
      String cycleId,
      String environment,
      String parent,
      String critic,
      int budget,
      int window,
      SearchConfig search,
      int visits,
      TrainingConfig training,
      List<Integer> hidden,
      double temperature,
      int devTasks,
      int heldoutTasks,
      int heldoutSearchTasks,
      int maxSteps,
      long seed,
      double promotionMargin,
      String lineage,
      String episodes,
      int batch,
      Boolean trainOnPairs,
      int episodesPerRun) {
    this(
        cycleId,
        environment,
        parent,
        critic,
        budget,
        window,
        search,
        visits,
        training,
        hidden,
        temperature,
        devTasks,
        heldoutTasks,
        heldoutSearchTasks,
        maxSteps,
        seed,
        promotionMargin,
        lineage,
        episodes,
        batch,
        trainOnPairs,
        episodesPerRun,
        null);
  }

  /** This request's searches backing up {@code judge}'s verdicts (null: the site's reward). */
  public CycleRequest valuedBy(String judge) {
    return copy(cycleId, parent, critic, hidden, temperature, episodesPerRun, judge);
  }

  /** The lineage of the daily cycles. */
  public static final String DAILY = "daily";

  /** A daily cycle's request (the daily lineage, its own episodes, exact budget prefix, pairs). */
  public static CycleRequest daily(
      String cycleId,
      String environment,
      String parent,
      String critic,
      int budget,
      int window,
      SearchConfig search,
      int visits,
      TrainingConfig training,
      List<Integer> hidden,
      double temperature,
      int devTasks,
      int heldoutTasks,
      int heldoutSearchTasks,
      int maxSteps,
      long seed,
      double promotionMargin) {
    return new CycleRequest(
        cycleId,
        environment,
        parent,
        critic,
        budget,
        window,
        search,
        visits,
        training,
        hidden,
        temperature,
        devTasks,
        heldoutTasks,
        heldoutSearchTasks,
        maxSteps,
        seed,
        promotionMargin,
        null,
        null,
        0,
        null,
        0);
  }

  /** Collected episodes per run of the collect workflow when a request leaves it open. */
  public static final int EPISODES_PER_RUN = 200;

  public int runEpisodes() {
    return episodesPerRun > 0 ? episodesPerRun : EPISODES_PER_RUN;
  }

  /** This request collecting with another number of episodes per run of the collect workflow. */
  public CycleRequest withEpisodesPerRun(int n) {
    return copy(cycleId, parent, critic, hidden, temperature, n, value);
  }

  public String lineageName() {
    return lineage == null ? DAILY : lineage;
  }

  /** The id prefix of the collected episodes. */
  public String collectPrefix() {
    return episodes == null ? cycleId + "-collect" : episodes;
  }

  /** The id of the collected episode of a task. */
  public String collectedEpisode(int task) {
    return collectPrefix() + "-t" + task;
  }

  public int batchSize() {
    return Math.max(1, batch);
  }

  public boolean trainsOnPairs() {
    return trainOnPairs == null || trainOnPairs;
  }

  /** Whether the cycle evaluates on held-out tasks (a ladder's cycle leaves it to its rows). */
  public boolean evaluates() {
    return heldoutTasks > 0 || heldoutSearchTasks > 0;
  }

  /** The promoted version, as a template names it. */
  public static final String PROMOTED = "promoted";

  /** Whether every field is concrete (not a template's). */
  public boolean resolved() {
    return cycleId != null
        && !PROMOTED.equals(parent)
        && critic != null
        && !hidden.isEmpty()
        && temperature >= 0;
  }

  /** This request with the fields a template leaves open filled in. */
  public CycleRequest with(
      String id, String parentVersion, String criticName, List<Integer> sizes, double temp) {
    return copy(id, parentVersion, criticName, sizes, temp, episodesPerRun, value);
  }

  /** This request with the fields its withers change; every other field kept. */
  private CycleRequest copy(
      String id,
      String parentVersion,
      String criticName,
      List<Integer> sizes,
      double temp,
      int perRun,
      String judge) {
    return new CycleRequest(
        id,
        environment,
        parentVersion,
        criticName,
        budget,
        window,
        search,
        visits,
        training,
        sizes,
        temp,
        devTasks,
        heldoutTasks,
        heldoutSearchTasks,
        maxSteps,
        seed,
        promotionMargin,
        lineage,
        episodes,
        batch,
        trainOnPairs,
        perRun,
        judge);
  }

  /** The workflow id of a cycle. */
  public static String workflowId(String cycleId) {
    return "cycle-" + cycleId;
  }
}
