package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.shop.ShopServer;
import io.agentq.workers.runtime.S3Serve;
import io.agentq.workers.runtime.ShopRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A built-in site as its own process: what agents reach with {@code --site URL}, and people with a
 * normal browser. Its orders, idempotency keys and sessions live in its database file and survive a
 * restart.
 */
@Command(
    name = "serve",
    description =
        "Serve a built-in site as its own process, with its orders in a database file: for agents"
            + " (--site URL) and for people in a normal browser.")
public final class ServeCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      description =
          "The site: shop; booking (the restaurant booking site, which needs --driver"
              + " playwright); or s3: the artifact store that other processes share (--s3 URL).")
  String site;

  @Mixin ShopOptions shop;

  @Option(names = "--port", defaultValue = "3000", description = "Port on 127.0.0.1.")
  int port;

  @Option(
      names = "--db",
      description =
          "The site's database file (orders or reservations, idempotency keys, sessions); default"
              + " $AGENTQ_HOME/site/orders.db for the shop, $AGENTQ_HOME/site/booking.db for"
              + " booking.")
  Path database;

  @Option(
      names = "--commit-delay-ms",
      defaultValue = "0",
      description = "Fault injection: wait this long before writing a new order (a slow site).")
  long commitDelayMs;

  @Option(
      names = "--reply-delay-ms",
      defaultValue = "0",
      description =
          "Fault injection: wait this long after writing a new order before answering (the order"
              + " is recorded, the answer late).")
  long replyDelayMs;

  @Option(
      names = "--dir",
      description = "serve s3: the folder of the store's objects; default $AGENTQ_HOME/s3.")
  Path dir;

  @Override
  public Integer call() throws InterruptedException {
    if (site.equals("s3")) {
      return S3Serve.serve(port, dir);
    }
    if (!site.equals("shop") && !site.equals("booking")) {
      throw new InputException("serve: unknown site '" + site + "' (use shop, booking or s3)");
    }
    if (commitDelayMs < 0 || replyDelayMs < 0) {
      throw new InputException("--commit-delay-ms and --reply-delay-ms must be 0 or more");
    }
    if (shop.site != null) {
      throw new InputException("--site is for agents; serve starts the site itself (use --port)");
    }
    if (site.equals("booking")) {
      return serveBooking();
    }
    shop.env = site;
    shop.check();
    ShopServer.Options options =
        ShopServer.Options.at(database != null ? database.toAbsolutePath() : ShopRuntime.database())
            .withCommitDelay(Duration.ofMillis(commitDelayMs))
            .withReplyDelay(Duration.ofMillis(replyDelayMs));
    try (ShopRuntime rt = ShopRuntime.start(shop.data(), port, options)) {
      System.out.println(
          "The shop is at "
              + rt.baseUrl()
              + "/ (task N: /start/N; orders: /api/orders) with its records in "
              + options.database()
              + ". Ctrl-C stops it.");
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /** The booking site on the seeded restaurants and tasks, with its records in its own file. */
  private int serveBooking() throws InterruptedException {
    Path db =
        database != null
            ? database.toAbsolutePath()
            : ShopRuntime.home().resolve("site").resolve("booking.db");
    try {
      Files.createDirectories(db.getParent());
    } catch (IOException e) {
      throw new InputException("--db: cannot create the folder " + db.getParent() + ": " + e);
    }
    BookingServer.Options options =
        BookingServer.Options.at(db)
            .withCommitDelay(Duration.ofMillis(commitDelayMs))
            .withReplyDelay(Duration.ofMillis(replyDelayMs));
    try (BookingServer booking = BookingServer.start(BookingData.generated(), port, options)) {
      System.out.println(
          "The booking site is at "
              + booking.baseUrl()
              + "/ (task N: /start/N; reservations: /api/reservations) with its records in "
              + options.database()
              + ". Its pages need JavaScript: agents use --driver playwright. Ctrl-C stops it.");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
