package io.agentq.workers.commands;

import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workers.evaluation.EpisodeReplay;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workers.runtime.ShopTasks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Re-executes a searched episode's committed trajectory in a fresh sandbox session and reports the
 * first page that differs from what the agent saw. Exit codes: 0 every page the same, 4 a page
 * differs, 2 bad input (an unknown episode).
 */
@Command(
    name = "replay",
    description =
        "Re-execute an episode's committed trajectory in a fresh sandbox session (never a live or"
            + " irreversible action) and report the first page that differs from the stored one."
            + " Exit codes: 0 the same, 4 a page differs, 2 bad input.")
public final class ReplayCommand implements Callable<Integer> {
  public static final int DIFFERS = 4;

  @Mixin ShopOptions shop;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "The episode's id (e.g. RUN-t42, day1-collect-t10064).")
  String episode;

  @Option(
      names = "--driver",
      defaultValue = "http",
      description = "http (fast) or playwright (headless Chromium).")
  String driver;

  @Option(names = "--json", description = "The result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    shop.check();
    try (StoreOptions.Open open = store.open();
        ShopRuntime rt = ShopRuntime.connect(shop.data(), shop.site);
        DriverFactory drivers = new DriverFactory(driver)) {
      String sandbox = "replay-" + episode + "-" + Long.toString(System.currentTimeMillis(), 36);
      EpisodeReplay.Result r =
          new EpisodeReplay(open.artifacts(), new ShopTasks(rt, drivers)).replay(episode, sandbox);
      if (json) {
        System.out.println(JsonArtifacts.MAPPER.writeValueAsString(r));
      } else if (r.divergence() == null) {
        System.out.printf(
            "episode %s (task %d): replayed %d steps in sandbox session %s; every page is the one"
                + " the agent saw%n",
            r.episodeId(), r.taskId(), r.steps(), r.sandbox());
      } else {
        EpisodeReplay.Divergence d = r.divergence();
        System.out.printf(
            "episode %s (task %d): the page differs at step %d (node %d)%s%n"
                + "  stored title: %s%n  replayed title: %s%n",
            r.episodeId(),
            r.taskId(),
            d.step(),
            d.nodeId(),
            d.command() == null ? ", the start page" : ", after " + d.command(),
            d.storedTitle(),
            d.replayedTitle());
        d.missing().stream().limit(20).forEach(l -> System.out.println("  - " + l));
        d.added().stream().limit(20).forEach(l -> System.out.println("  + " + l));
      }
      return r.divergence() == null ? 0 : DIFFERS;
    }
  }
}
