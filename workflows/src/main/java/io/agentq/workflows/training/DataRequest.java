package io.agentq.workflows.training;

/**
 * Training data collected on train tasks, each episode an activity: tasks in the train split's
 * seeded stratified order from {@code from}, in fixed batches, so a rerun stops exactly where the
 * first run did and reads every finished episode back from the store. Small values only.
 *
 * @param source what an episode is
 * @param prefix the store prefix of the episodes ({@code PREFIX/tN.json}, {@code PREFIX/tN-sK.json}
 *     for samples)
 * @param policy the policy that acts (null for demonstrations: the site's scripted expert)
 * @param temperature the policy's sampling temperature (negative: its own)
 * @param from the index of the first task in the split's order
 * @param samplesPerTask episodes per task (samples; 1 otherwise)
 * @param budget samples and checked episodes: stop after the batch whose episodes' interactions
 *     reach this (none at all when it is 0 or less)
 * @param successes demonstrations: stop once this many succeeded (each batch tries as many tasks as
 *     successes are missing)
 * @param batch tasks per batch (samples and checked episodes)
 * @param window episodes running at once
 * @param topResults checked episodes: results a results page checks
 * @param environment the site whose train tasks these are (null: the shop)
 */
public record DataRequest(
    Source source,
    String prefix,
    String policy,
    double temperature,
    int from,
    int samplesPerTask,
    int budget,
    int successes,
    int batch,
    int window,
    int maxSteps,
    long seed,
    int topResults,
    String environment) {
  /** What one episode of the collection is. */
  public enum Source {
    /** The site's scripted expert in a sandbox (behaviour cloning). */
    DEMONSTRATIONS,
    /** The policy's own sampled episodes (RFT, outcome DPO). */
    SAMPLES,
    /** The policy's episode with its pages labelled by sandbox purchases (checked labels). */
    CHECKED
  }

  /** The tasks of the next batch, given how many succeeded so far. */
  int batchSize(int succeeded) {
    return source == Source.DEMONSTRATIONS ? successes - succeeded : Math.max(1, batch);
  }

  /** Whether collection stops before another batch. */
  boolean finished(int interactions, int succeeded) {
    return source == Source.DEMONSTRATIONS ? succeeded >= successes : interactions >= budget;
  }

  /** The workflow id of a collection: one per store prefix. */
  public String workflowId() {
    return "data-" + prefix.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
