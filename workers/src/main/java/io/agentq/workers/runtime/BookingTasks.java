package io.agentq.workers.runtime;

import io.agentq.activities.training.TaskSite;
import io.agentq.core.Environment;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.TaskSampler;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingExpert;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.WebEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The booking site's tasks for evaluation and training: splits by restaurant, each drawn in its
 * seeded sample stratified by category (bookable or not, then the cuisine: {@link
 * BookingTask#category}), sandbox sessions in a browser.
 */
public final class BookingTasks implements TaskSite {
  /** How samples of the booking tasks are stratified, as reports say it. */
  public static final String STRATA = "bookable or not, then cuisine";

  private final BookingRuntime booking;
  private final DriverFactory drivers;
  private final Map<TaskSplit, List<Integer>> samples = new ConcurrentHashMap<>();

  public BookingTasks(BookingRuntime booking, DriverFactory drivers) {
    this.booking = booking;
    this.drivers = drivers;
  }

  @Override
  public String environment() {
    return BookingRuntime.ENVIRONMENT;
  }

  @Override
  public List<Integer> tasks(String split, int limit) {
    return sample(TaskSplit.parse(split)).stream().limit(limit).toList();
  }

  /** The split's task ids in the one order every consumer draws them in. */
  public List<Integer> sample(TaskSplit split) {
    return samples.computeIfAbsent(
        split,
        s -> {
          BookingData data = booking.data();
          List<TaskSampler.Task> in =
              data.tasks().stream()
                  .filter(t -> s == TaskSplit.ALL || t.split() == s)
                  .map(t -> new TaskSampler.Task(t.id(), t.category(data.catalog())))
                  .toList();
          return TaskSampler.order(in, TaskSampler.SAMPLE_SEED);
        });
  }

  private BookingTask task(int taskId) {
    return booking
        .data()
        .task(taskId)
        .orElseThrow(
            () ->
                new InputException(
                    "booking task "
                        + taskId
                        + ": the site has tasks 0 to "
                        + (booking.data().tasks().size() - 1)));
  }

  @Override
  public String category(int taskId) {
    return task(taskId).category(booking.data().catalog());
  }

  @Override
  public String target(int taskId) {
    return task(taskId).restaurant();
  }

  @Override
  public Policy expert(int taskId) {
    return scriptedExpert(taskId);
  }

  @Override
  public Policy scriptedExpert(int taskId) {
    BookingTask t = task(taskId);
    BookingData data = booking.data();
    return new BookingExpert(BookingPlan.of(t, data.catalog(), data.user(t)));
  }

  @Override
  public Environment sandbox(int taskId, String episodeId) {
    BookingTask t = task(taskId);
    String start = booking.site().openSession(taskId, episodeId, true);
    return new WebEnvironment(drivers.newSandboxDriver(), t.instruction(), start);
  }
}
