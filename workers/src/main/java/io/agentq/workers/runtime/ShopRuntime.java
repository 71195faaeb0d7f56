package io.agentq.workers.runtime;

import io.agentq.core.Environment;
import io.agentq.core.InputException;
import io.agentq.core.search.IrreversibleAction;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopInfo;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.ShopSite;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.WebEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shop as the commands use it: its data (the generated default, or files a user names) and the
 * site, reached over HTTP either way: started in this process on a local port with its order
 * records in {@code $AGENTQ_HOME/site/orders.db} (the embedded default), or a shop already running
 * as its own process ({@code --site URL}, e.g. {@code agentq serve shop}).
 */
public final class ShopRuntime implements AutoCloseable {
  /** The environment's id, as {@code --env}, cycles and search attributes name it. */
  public static final String ENVIRONMENT = "shop";

  private final ShopData data;
  private final ShopServer server;
  private final ShopSite site;

  private ShopRuntime(ShopData data, ShopServer server, ShopSite site) {
    this.data = data;
    this.server = server;
    this.site = site;
  }

  public static Path home() {
    String h = System.getProperty("agentq.home", System.getenv("AGENTQ_HOME"));
    return Path.of(h == null || h.isBlank() ? ".agentq" : h).toAbsolutePath();
  }

  /** The embedded shop's database: orders, idempotency keys, sessions, the request log. */
  public static Path database() {
    return home().resolve("site").resolve("orders.db");
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

  public static ShopData load(Path catalog, Path goals) {
    return load(catalog, null, goals);
  }

  /** The files a user names ({@code attributes} may be null), or the generated default shop. */
  public static ShopData load(Path catalog, Path attributes, Path goals) {
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

  /** The shop in this process on {@code port} (0: any free one), its records in the home. */
  public static ShopRuntime start(ShopData data, int port) {
    return start(data, port, ShopServer.Options.at(database()));
  }

  public static ShopRuntime start(ShopData data, int port, ShopServer.Options options) {
    try {
      Files.createDirectories(options.database().getParent());
    } catch (java.io.IOException e) {
      throw new InputException(
          "cannot create the shop's database folder " + options.database().getParent() + ": " + e);
    }
    ShopServer server = ShopServer.start(data, new OpenNlpNounExtractor(), port, options);
    return new ShopRuntime(data, server, new ShopSite(server.baseUrl()));
  }

  /**
   * The shop at {@code siteUrl}, running as its own process, or (null) one started here. The goals
   * are read from the same files as the shop's, and a shop with another number of goals or products
   * is refused.
   */
  public static ShopRuntime connect(ShopData data, String siteUrl) {
    if (siteUrl == null) {
      return start(data, 0);
    }
    ShopSite site = new ShopSite(siteUrl);
    ShopInfo info;
    try {
      info = site.info();
    } catch (RuntimeException e) {
      throw new InputException(
          "--site "
              + siteUrl
              + ": no shop answers there ("
              + e.getMessage()
              + "); start one with: bin/agentq serve shop --port PORT");
    }
    if (info.goals() != data.goals().size() || info.products() != data.catalog().size()) {
      throw new InputException(
          "--site "
              + siteUrl
              + " serves "
              + info.products()
              + " products and "
              + info.goals()
              + " goals, but the data given here has "
              + data.catalog().size()
              + " and "
              + data.goals().size()
              + ": give the same --catalog and --goals as the shop's");
    }
    return new ShopRuntime(data, null, site);
  }

  public ShopSite site() {
    return site;
  }

  public String baseUrl() {
    return site.baseUrl();
  }

  /** The shop when it runs in this process (tests read its records directly), else null. */
  ShopServer server() {
    return server;
  }

  public ShopData data() {
    return data;
  }

  /**
   * An episode on {@code goal} in its own live session, through a driver of the given kind; its
   * irreversible actions go out under the keys {@code {episodeId}:irreversible:{n}}.
   */
  public Environment episode(Goal goal, String episodeId, DriverFactory drivers) {
    String start = site.openSession(goal.index(), episodeId, false);
    return new WebEnvironment(drivers.newDriver(), goal.instruction(), start)
        .sendingKeys(episodeId, n -> IrreversibleAction.key(episodeId, n));
  }

  /**
   * An episode on {@code goal} in a sandbox session: its purchase is scored by the site and never
   * stored as an order (training data is collected this way).
   */
  Environment sandboxEpisode(Goal goal, String episodeId, DriverFactory drivers) {
    String start = site.openSession(goal.index(), episodeId, true);
    return new WebEnvironment(drivers.newSandboxDriver(), goal.instruction(), start);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
