package io.agentq.infra;

import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small generated shop served on a free local port, for tests. */
public final class TestShop {
  private TestShop() {}

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temp directory left behind is harmless
    }
  }

  public static ShopServer start() {
    try {
      Path dir = Files.createTempDirectory("agentq-shop");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      new CatalogGenerator(11, 8, 2).write(dir);
      ShopData data = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
      return ShopServer.start(
          data, new OpenNlpNounExtractor(), 0, ShopServer.Options.at(dir.resolve("orders.db")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
