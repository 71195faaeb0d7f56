package io.agentq.workers;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "serve",
    description = "Serve a built-in site for people to use in a normal browser.")
final class ServeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The site: shop.")
  String site;

  @Mixin ShopOptions shop;

  @Option(names = "--port", defaultValue = "3000", description = "Port on 127.0.0.1.")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    shop.env = site;
    shop.check();
    try (ShopRuntime rt = ShopRuntime.start(shop.data(), port)) {
      System.out.println(
          "The shop is at " + rt.server().baseUrl() + "/ (task N: /start/N). Ctrl-C stops it.");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
