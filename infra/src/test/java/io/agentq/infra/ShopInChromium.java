package io.agentq.infra;

import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.browser.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the browser tests: a small shop served by the test and one headless Chromium. */
public abstract class ShopInChromium {
  protected static ShopServer shop;
  protected static Chromium chromium;

  @BeforeAll
  static void startShopAndBrowser() {
    shop = TestShop.start();
    chromium = new Chromium();
  }

  @AfterAll
  static void stopShopAndBrowser() {
    chromium.close();
    shop.close();
  }
}
