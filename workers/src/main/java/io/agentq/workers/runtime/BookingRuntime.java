package io.agentq.workers.runtime;

import io.agentq.core.InputException;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.booking.site.BookingSite;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The booking site as the commands use it: the seeded restaurants and tasks, and the site reached
 * over HTTP either way: started in this process on a local port with its records in {@code
 * $AGENTQ_HOME/site/booking.db} (the embedded default), or a site already running as its own
 * process ({@code --site URL}, e.g. {@code agentq serve booking}).
 */
public final class BookingRuntime implements SiteRuntime, AutoCloseable {
  /** The environment's id, as {@code --env} and requests name it. */
  public static final String ENVIRONMENT = BookingSite.ENVIRONMENT;

  private final BookingData data;
  private final BookingServer server;
  private final BookingSite site;

  private BookingRuntime(BookingData data, BookingServer server, BookingSite site) {
    this.data = data;
    this.server = server;
    this.site = site;
  }

  /** The embedded booking site's database: reservations, answers, idempotency keys, sessions. */
  public static Path database() {
    return ShopRuntime.home().resolve("site").resolve("booking.db");
  }

  /** The site in this process on {@code port} (0: any free one), its records in the home. */
  public static BookingRuntime start(int port) {
    return start(BookingData.generated(), port, BookingServer.Options.at(database()));
  }

  public static BookingRuntime start(BookingData data, int port, BookingServer.Options options) {
    try {
      Files.createDirectories(options.database().getParent());
    } catch (java.io.IOException e) {
      throw new InputException(
          "cannot create the booking site's database folder "
              + options.database().getParent()
              + ": "
              + e);
    }
    BookingServer server = BookingServer.start(data, port, options);
    return new BookingRuntime(data, server, new BookingSite(server.baseUrl()));
  }

  /**
   * The booking site at {@code siteUrl}, running as its own process, or (null) one started here. A
   * site with another number of tasks is refused.
   */
  public static BookingRuntime connect(String siteUrl) {
    if (siteUrl == null) {
      return start(0);
    }
    BookingData data = BookingData.generated();
    BookingSite site = new BookingSite(siteUrl);
    int last = data.tasks().size() - 1;
    String expected = data.tasks().get(last).request();
    String served;
    try {
      served = site.instruction(last);
    } catch (RuntimeException e) {
      throw new InputException(
          "--site "
              + siteUrl
              + ": no booking site answers there ("
              + e.getMessage()
              + "); start one with: bin/agentq serve booking --port PORT");
    }
    if (!served.equals(expected)) {
      throw new InputException(
          "--site "
              + siteUrl
              + " serves other booking tasks than the seeded ones (task "
              + last
              + " reads '"
              + served
              + "'); serve the default site with: bin/agentq serve booking");
    }
    return new BookingRuntime(data, null, site);
  }

  @Override
  public BookingSite site() {
    return site;
  }

  @Override
  public BookingTasks tasks(io.agentq.infra.browser.DriverFactory drivers) {
    return new BookingTasks(this, drivers);
  }

  public BookingData data() {
    return data;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
