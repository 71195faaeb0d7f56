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
    double promotionMargin) {
  public CycleRequest {
    hidden = List.copyOf(hidden);
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
        promotionMargin);
  }

  /** The workflow id of a cycle. */
  public static String workflowId(String cycleId) {
    return "cycle-" + cycleId;
  }
}
