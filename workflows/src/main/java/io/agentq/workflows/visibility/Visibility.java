package io.agentq.workflows.visibility;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What agentq's workflows show a cluster's visibility store, so that its UI and {@code temporal
 * workflow list --query "AgentqCycle = 'c1' AND AgentqOutcome = 'failure'"} find and filter them:
 * four custom Keyword search attributes, which a namespace must have registered before a workflow
 * is started with them.
 *
 * <p>A workflow records its attributes only when its starter gave it {@link #OUTCOME}: starters do
 * so where agentq registered them (the embedded service) or checked them (a cluster). A workflow
 * started without them (a test's environment, a history recorded before they existed) makes exactly
 * the commands it made before, so old histories replay unchanged.
 */
public final class Visibility {
  private Visibility() {}

  /** The environment's id ("shop"). */
  public static final SearchAttributeKey<String> ENVIRONMENT =
      SearchAttributeKey.forKeyword("AgentqEnvironment");

  /** The cycle a workflow belongs to: the cycle itself, its episodes and its round. */
  public static final SearchAttributeKey<String> CYCLE =
      SearchAttributeKey.forKeyword("AgentqCycle");

  /**
   * The policy version: the one an episode searches with, the one a cycle starts from, the one a
   * round trains.
   */
  public static final SearchAttributeKey<String> POLICY =
      SearchAttributeKey.forKeyword("AgentqPolicy");

  /** {@link #RUNNING} until the workflow closes, then how it ended. */
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("AgentqOutcome");

  /** Every key, for registering them on a namespace. */
  public static final List<SearchAttributeKey<String>> KEYS =
      List.of(ENVIRONMENT, CYCLE, POLICY, OUTCOME);

  /** Every workflow until it closes. */
  public static final String RUNNING = "running";

  /** An episode that reached its goal. */
  public static final String SUCCESS = "success";

  /** An episode that finished without reaching its goal. */
  public static final String FAILURE = "failure";

  /** A cycle or a round that finished. */
  public static final String DONE = "done";

  /** A cycle that stopped at an operator's request, or any workflow cancelled through Temporal. */
  public static final String CANCELLED = "cancelled";

  /** Any workflow that ended in an error (its failure is in its history). */
  public static final String FAILED = "failed";

  /**
   * Client side: the attributes a workflow is started with; null values are left out. Setting them
   * asks the workflow to record its outcome.
   */
  public static SearchAttributes started(String environment, String cycle, String policy) {
    SearchAttributes.Builder b = SearchAttributes.newBuilder().set(OUTCOME, RUNNING);
    if (environment != null) {
      b.set(ENVIRONMENT, environment);
    }
    if (cycle != null) {
      b.set(CYCLE, cycle);
    }
    if (policy != null) {
      b.set(POLICY, policy);
    }
    return b.build();
  }

  /** Workflow side: whether this workflow's starter asked it to record its attributes. */
  public static boolean recorded() {
    return Workflow.getTypedSearchAttributes().containsKey(OUTCOME);
  }

  /**
   * Workflow side: sets what the workflow learned at its start (null: unchanged), in one upsert of
   * only the values that differ from what it was started with (none: no event).
   */
  public static void open(String environment, String cycle, String policy) {
    if (!recorded()) {
      return;
    }
    SearchAttributes now = Workflow.getTypedSearchAttributes();
    List<SearchAttributeUpdate<?>> changed = new ArrayList<>();
    addIfChanged(changed, now, ENVIRONMENT, environment);
    addIfChanged(changed, now, CYCLE, cycle);
    addIfChanged(changed, now, POLICY, policy);
    addIfChanged(changed, now, OUTCOME, RUNNING);
    if (!changed.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(changed.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  /** Workflow side: how the workflow ended, just before it returns or fails. */
  public static void close(String outcome) {
    if (recorded()) {
      Workflow.upsertTypedSearchAttributes(OUTCOME.valueSet(outcome));
    }
  }

  /** Workflow side: how a workflow that ends in {@code failure} ended, just before it rethrows. */
  public static void closeFailed(TemporalFailure failure) {
    close(failure instanceof CanceledFailure ? CANCELLED : FAILED);
  }

  /**
   * Workflow side: the attributes of a child this workflow starts: its environment and cycle, and
   * {@link #RUNNING} (none when this workflow records none). The child sets its own policy.
   */
  public static SearchAttributes inherited() {
    if (!recorded()) {
      return SearchAttributes.EMPTY;
    }
    SearchAttributes now = Workflow.getTypedSearchAttributes();
    return started(now.get(ENVIRONMENT), now.get(CYCLE), null);
  }

  private static void addIfChanged(
      List<SearchAttributeUpdate<?>> changed,
      SearchAttributes now,
      SearchAttributeKey<String> key,
      String value) {
    if (value != null && !value.equals(now.get(key))) {
      changed.add(key.valueSet(value));
    }
  }
}
