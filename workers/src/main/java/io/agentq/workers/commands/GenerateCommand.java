package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.workers.runtime.ShopRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    description = "Write the seeded synthetic shop (catalog.json, goals.jsonl).")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Directory (default: $AGENTQ_HOME/shop).")
  Path out;

  @Option(names = "--seed", defaultValue = "240807199", description = "Generator seed.")
  long seed;

  @Option(names = "--products-per-type", defaultValue = "90")
  int perType;

  @Option(names = "--goals-per-product", defaultValue = "5")
  int perProduct;

  @Override
  public Integer call() {
    if (perType < 1 || perProduct < 1) {
      throw new InputException("--products-per-type and --goals-per-product must be at least 1");
    }
    Path dir = out == null ? ShopRuntime.home().resolve("shop") : out;
    new CatalogGenerator(seed, perType, perProduct).write(dir);
    ShopData data = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
    System.out.printf(
        "wrote %s: %d products, %d goals (%d train, %d dev, %d held out)%n",
        dir,
        data.catalog().size(),
        data.goals().size(),
        data.goals(TaskSplit.TRAIN).size(),
        data.goals(TaskSplit.DEV).size(),
        data.goals(TaskSplit.HELDOUT).size());
    return 0;
  }
}
