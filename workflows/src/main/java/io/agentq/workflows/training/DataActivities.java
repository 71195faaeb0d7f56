package io.agentq.workflows.training;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The site's side of collecting training data: each method is one episode in a sandbox session
 * (scored, never an order), kept in the store and read back when it finished before; each
 * heartbeats at every step.
 */
@ActivityInterface(namePrefix = "Data")
public interface DataActivities {
  /**
   * Train tasks {@code from} to {@code from + count} of the split's seeded stratified order, of
   * {@code environment}'s site (null: the shop).
   */
  List<Integer> trainTasks(String environment, int from, int count);

  /** One episode of the kind the request names, on a task ({@code sample}: its number). */
  DataEpisode episode(DataRequest request, int task, int sample);
}
