package io.agentq.workers.commands;

import io.agentq.workers.ui.UiServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The read-only view of cycles, episodes and trees, on one local port, until interrupted. */
@Command(
    name = "ui",
    description =
        "Serve a read-only view of the store on 127.0.0.1: cycles and their steps, a cycle's"
            + " episodes by outcome, an episode's tree and the page each node saw.")
public final class UiCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "The local port (0: any free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    try (StoreOptions.Open open = store.open();
        UiServer ui = new UiServer(open.artifacts(), port)) {
      System.out.printf(
          "agentq ui: http://127.0.0.1:%d/ (read-only; Ctrl-C stops it)%n", ui.port());
      System.out.flush();
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
