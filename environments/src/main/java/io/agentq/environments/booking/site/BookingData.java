package io.agentq.environments.booking.site;

import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.BookingTaskGenerator;
import io.agentq.environments.booking.BookingTasksFile;
import io.agentq.environments.booking.RestaurantCatalog;
import io.agentq.environments.booking.RestaurantGenerator;
import io.agentq.environments.booking.SimulatedUser;
import java.nio.file.Path;
import java.util.List;

/**
 * What the booking site serves: the restaurants with their table inventory and the tasks, whose ids
 * are their positions. The site's simulated users all use {@link #USER_SEED}, so an expert that
 * plans with {@link #user} hears the same answers the site shows.
 */
public record BookingData(RestaurantCatalog catalog, List<BookingTask> tasks) {
  /** The seed of every task's simulated user on the site. */
  public static final long USER_SEED = 1;

  public BookingData {
    tasks = List.copyOf(tasks);
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).id() != i) {
        throw new IllegalArgumentException(
            "booking task #" + i + " has id " + tasks.get(i).id() + "; ids must be positions");
      }
    }
  }

  /** The seeded default world: 200 restaurants and their 2,000 tasks. */
  public static BookingData generated() {
    RestaurantCatalog catalog = RestaurantGenerator.defaults().catalog();
    return new BookingData(catalog, BookingTaskGenerator.defaults().tasks(catalog));
  }

  /** The restaurants and tasks files written by the booking generators. */
  public static BookingData load(Path restaurants, Path tasks) {
    RestaurantCatalog catalog = RestaurantCatalog.load(restaurants);
    return new BookingData(catalog, BookingTasksFile.load(tasks, catalog));
  }

  /** The task with this id, or empty when the site has none. */
  public java.util.Optional<BookingTask> task(int id) {
    return id < 0 || id >= tasks.size()
        ? java.util.Optional.empty()
        : java.util.Optional.of(tasks.get(id));
  }

  /** The user behind {@code task}, as the site's pages answer for it. */
  public SimulatedUser user(BookingTask task) {
    return new SimulatedUser(task, catalog, USER_SEED);
  }
}
