package io.agentq.workers;

import io.agentq.core.Environment;
import io.agentq.core.InputException;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.browser.Chromium;
import io.agentq.infra.browser.HttpDriver;
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
    String h = System.getenv("AGENTQ_HOME");
    return Path.of(h == null || h.isBlank() ? ".agentq" : h).toAbsolutePath();
  }

  /** The default shop's files, generated on first use. */
  static Path[] defaultFiles() {
    Path dir = home().resolve("shop");
    Path catalog = dir.resolve("catalog.json");
    Path goals = dir.resolve("goals.jsonl");
    if (!Files.exists(catalog) || !Files.exists(goals)) {
      System.err.println("Generating the default shop into " + dir + " ...");
      CatalogGenerator.defaults().write(dir);
    }
    return new Path[] {catalog, goals};
  }

  static ShopData load(Path catalog, Path goals) {
    if ((catalog == null) != (goals == null)) {
      throw new InputException("--catalog and --goals go together: give both or neither");
    }
    Path[] files = catalog == null ? defaultFiles() : new Path[] {catalog, goals};
    return ShopData.load(files[0], files[1]);
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
  Environment episode(Goal goal, String sessionId, Drivers drivers) {
    PageDriver driver = drivers.newDriver();
    return new WebEnvironment(driver, goal.instruction(), server.startUrl(goal.index(), sessionId));
  }

  @Override
  public void close() {
    server.close();
  }

  /** Makes drivers of one kind; owns the browser when the kind is Playwright. One per thread. */
  static final class Drivers implements AutoCloseable {
    private final String kind;
    private Chromium chromium;
    private java.net.http.HttpClient http;

    Drivers(String kind) {
      if (!kind.equals("playwright") && !kind.equals("http")) {
        throw new InputException(
            "--driver: unknown driver '" + kind + "' (use playwright or http)");
      }
      this.kind = kind;
    }

    PageDriver newDriver() {
      if (kind.equals("http")) {
        if (http == null) {
          http = HttpDriver.newClient();
        }
        return new HttpDriver(http);
      }
      if (chromium == null) {
        chromium = new Chromium();
      }
      return chromium.newDriver();
    }

    String kind() {
      return kind;
    }

    @Override
    public void close() {
      if (chromium != null) {
        chromium.close();
      }
    }
  }
}
