package io.agentq.workers.commands;

import io.agentq.activities.cycle.CycleKeys;
import io.agentq.activities.cycle.CycleReport;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.training.ShopPolicyFeatures;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.ShopTasks;
import io.agentq.workflows.cycle.CycleRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A cycle's report written locally: the one its report step stored, or, for a cycle that has not
 * reached that step (running, failed, cancelled), one written now from its record.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write a cycle's report (report.html, report.json, plots) into a local directory; exit 2"
            + " for an unknown cycle.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin ShopOptions shop;

  @Parameters(index = "0", description = "The cycle's id.")
  String id;

  @Option(
      names = "--out",
      description = "Directory to write into (its subdirectory ID; default: $AGENTQ_HOME/reports).")
  Path out;

  @Override
  public Integer call() throws Exception {
    CycleCommand.checkId(id);
    Path dir = out != null ? out : ShopRuntime.home().resolve("reports");
    try (StoreOptions.Open open = store.open()) {
      CycleRecord r = CycleCommand.stored(open.artifacts(), id);
      boolean stored =
          open.artifacts().store().list(CycleKeys.reportDir(id)).stream()
              .anyMatch(k -> k.endsWith("report.html"));
      if (!stored) {
        shop.check();
        try (ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
            DriverFactory drivers = new DriverFactory("http")) {
          new CycleReport(
                  open.artifacts(),
                  new ShopTasks(rt, drivers),
                  ShopPolicyFeatures.store(open.artifacts(), rt.data().catalog()))
              .write(id);
        }
        System.out.println(
            "cycle " + id + " is " + r.status() + ": its report was written now from its record");
      }
      Path local = CycleCommand.copyReport(open.artifacts(), id, dir);
      System.out.println("report: " + local.resolve("report.html"));
      return 0;
    }
  }
}
