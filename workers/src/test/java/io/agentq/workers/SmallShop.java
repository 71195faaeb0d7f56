package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentq.environments.shop.CatalogGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small generated shop under a test's directory, and a base policy trained on it. */
final class SmallShop {
  final Path dir;

  private SmallShop(Path dir) {
    this.dir = dir;
  }

  /** Writes the shop (41 products a type, 5 types, seed 2) under {@code dir/shop}. */
  static SmallShop in(Path dir) {
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    return new SmallShop(dir);
  }

  /** {@code args} followed by the shop's --catalog and --goals. */
  List<String> args(List<String> args) {
    List<String> out = new ArrayList<>(args);
    out.addAll(
        List.of(
            "--catalog",
            dir.resolve("shop/catalog.json").toString(),
            "--goals",
            dir.resolve("shop/goals.jsonl").toString()));
    return out;
  }

  /** A base v0 in {@code home}: BC on 12 demonstrations, 4 epochs, judged on 4 dev tasks. */
  void trainBase(Path home) throws InterruptedException {
    try (Child c =
        Child.start(
            home,
            home.resolve("base.log"),
            args(
                List.of(
                    "train-base",
                    "--round-id",
                    "base",
                    "--demos",
                    "12",
                    "--epochs",
                    "4",
                    "--dev-tasks",
                    "4")))) {
      assertEquals(0, c.exitCode(600), c.output());
    }
  }
}
