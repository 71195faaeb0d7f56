package io.agentq.workers;

import io.agentq.core.Environment;
import io.agentq.core.InputException;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.PageDriver;
import io.agentq.infra.browser.WebEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shop as the commands use it: its data (the generated default, or files a user names), the
 * site served on a local port, and episodes on it through a chosen driver.
 */
final class ShopRuntime implements AutoCloseable {
  private final ShopServer server;

  private ShopRuntime(ShopServer server) {
    this.server = server;
  }

  static Path home() {
    String h = System.getProperty("agentq.home", System.getenv("AGENTQ_HOME"));
    return Path.of(h == null || h.isBlank() ? ".agentq" : h).toAbsolutePath();
  }

  /** The default shop's files, generated on first use and again when the generator changed. */
  static Path[] defaultFiles() {
    Path dir = home().resolve("shop");
    Path catalog = dir.resolve("catalog.json");
    Path goals = dir.resolve("goals.jsonl");
    CatalogGenerator generator = CatalogGenerator.defaults();
    if (!Files.exists(catalog) || !Files.exists(goals) || !generator.stamp().equals(stamp(dir))) {
      System.err.println("Generating the default shop into " + dir + " ...");
      generator.write(dir);
    }
    return new Path[] {catalog, goals};
  }

  private static String stamp(Path dir) {
    try {
      return Files.readString(dir.resolve("generator.txt"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static ShopData load(Path catalog, Path goals) {
    return load(catalog, null, goals);
  }

  /** The files a user names ({@code attributes} may be null), or the generated default shop. */
  static ShopData load(Path catalog, Path attributes, Path goals) {
    if ((catalog == null) != (goals == null)) {
      throw new InputException("--catalog and --goals go together: give both or neither");
    }
    if (attributes != null && catalog == null) {
      throw new InputException(
          "--attributes merges into a --catalog: give it with --catalog and --goals");
    }
    Path[] files = catalog == null ? defaultFiles() : new Path[] {catalog, goals};
    return ShopData.load(files[0], attributes, files[1]);
  }

  static ShopRuntime start(ShopData data, int port) {
    return new ShopRuntime(ShopServer.start(data, new OpenNlpNounExtractor(), port));
  }

  ShopServer server() {
    return server;
  }

  ShopData data() {
    return server.data();
  }

  /** An episode on {@code goal} in a new session, through a driver of the given kind. */
  Environment episode(Goal goal, String sessionId, DriverFactory drivers) {
    PageDriver driver = drivers.newDriver();
    return new WebEnvironment(driver, goal.instruction(), server.startUrl(goal.index(), sessionId));
  }

  @Override
  public void close() {
    server.close();
  }
}
