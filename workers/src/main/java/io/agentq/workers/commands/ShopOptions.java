package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.environments.shop.ShopData;
import io.agentq.workers.runtime.BookingRuntime;
import io.agentq.workers.runtime.ShopRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every shop command shares. */
public final class ShopOptions {
  @Option(
      names = "--env",
      defaultValue = "shop",
      description =
          "Environment: shop, or booking (the restaurant site, in a real browser; eval and"
              + " train-judge only; train-judge also takes both: shop,booking).")
  String env;

  @Option(
      names = "--catalog",
      description =
          "Catalog: a JSON array of product records in WebShop's layout (items_shuffle.json;"
              + " default: the generated shop).")
  Path catalog;

  @Option(
      names = "--attributes",
      description =
          "WebShop's items_ins_v2.json: its attributes replace the catalog records' own"
              + " (needs --catalog).")
  Path attributes;

  @Option(
      names = "--goals",
      description =
          "Goals: JSONL, one goal a line (instruction_text or instruction), or WebShop's"
              + " items_human_ins.json (default: the generated shop).")
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

  /** The shop data these options name: the files given, or the generated default shop. */
  ShopData data() {
    return ShopRuntime.load(catalog, attributes, goals);
  }

  /** Checks the options of a command that runs on the shop only. */
  void check() {
    check(false);
  }

  /** Whether the booking site was chosen. */
  boolean booking() {
    return env.equals(BookingRuntime.ENVIRONMENT);
  }

  /**
   * Checks the options; {@code bookingToo}: the command also runs on the booking site.
   *
   * @throws InputException naming an unknown environment, or booking where the command has none
   */
  void check(boolean bookingToo) {
    if (!env.equals("shop") && !booking()) {
      throw new InputException(
          "--env: unknown environment '" + env + "' (available: shop, booking)");
    }
    if (booking() && !bookingToo) {
      throw new InputException(
          "--env booking: this command runs on the shop only for now (eval runs on booking)");
    }
    if (maxSteps < 1) {
      throw new InputException("--max-steps must be at least 1, got " + maxSteps);
    }
  }
}
