package io.agentq.workers;

import io.agentq.core.InputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every shop command shares. */
final class ShopOptions {
  @Option(names = "--env", defaultValue = "shop", description = "Environment (only: shop).")
  String env;

  @Option(
      names = "--catalog",
      description = "Catalog JSON in WebShop's layout (default: the generated shop).")
  Path catalog;

  @Option(
      names = "--goals",
      description = "Goals JSONL, one per line (default: the generated shop).")
  Path goals;

  @Option(
      names = "--site",
      description =
          "URL of a shop running as its own process (agentq serve shop); default: one started in"
              + " this process. --catalog/--goals must name the shop's data.")
  String site;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the policy's sampling.")
  long seed;

  @Option(names = "--max-steps", defaultValue = "12", description = "Step limit T of an episode.")
  int maxSteps;

  void check() {
    if (!env.equals("shop")) {
      throw new InputException("--env: unknown environment '" + env + "' (available: shop)");
    }
    if (maxSteps < 1) {
      throw new InputException("--max-steps must be at least 1, got " + maxSteps);
    }
  }
}
