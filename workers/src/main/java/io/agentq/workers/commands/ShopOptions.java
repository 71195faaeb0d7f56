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
          "Environment: shop, or booking (the restaurant site, in a real browser: eval, train-base,"
              + " cycle, ladder and train-judge; train-judge also takes both: shop,booking).")
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

  /** Step limit T on the shop when none is given. */
  static final int SHOP_STEPS = 12;

  /** Step limit T on the booking site when none is given: its expert takes about 20 steps. */
  static final int BOOKING_STEPS = 30;

  @Option(
      names = "--max-steps",
      description = "Step limit T of an episode (default: 12 on the shop, 30 on booking).")
  int maxSteps = UNSET;

  private static final int UNSET = Integer.MIN_VALUE;

  /** The shop data these options name: the files given, or the generated default shop. */
  ShopData data() {
    return ShopRuntime.load(catalog, attributes, goals);
  }

  /** Checks the options of a command that runs on the shop only. */
  void check() {
    check(false);
  }

  /** Sets the step limit to the default of the shop or the booking site when none was given. */
  void defaultSteps(boolean booking) {
    if (maxSteps == UNSET) {
      maxSteps = booking ? BOOKING_STEPS : SHOP_STEPS;
    }
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
          "--env booking: this command runs on the shop only for now (eval, train-base, cycle,"
              + " ladder and train-judge run on booking)");
    }
    defaultSteps(booking());
    if (maxSteps < 1) {
      throw new InputException("--max-steps must be at least 1, got " + maxSteps);
    }
  }
}
