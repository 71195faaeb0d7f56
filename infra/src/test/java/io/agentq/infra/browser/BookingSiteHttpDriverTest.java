package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.InputException;
import io.agentq.core.StepResult;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.TestShop;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP driver cannot run the booking site's scripts, so it refuses the site in one line that
 * says what to use instead; and ASK on a page without an "Ask the user" box is an invalid action.
 */
class BookingSiteHttpDriverTest {
  @TempDir Path dir;

  @Test
  void theHttpDriverRefusesTheBookingSiteInOneLine() {
    BookingData data = BookingData.generated();
    try (BookingServer site =
            BookingServer.start(data, 0, BookingServer.Options.at(dir.resolve("booking.db")));
        HttpDriver driver = new HttpDriver()) {
      BookingTask task = data.tasks().get(0);
      String start = site.startUrl(task.id(), "http-1", true);
      InputException e = assertThrows(InputException.class, () -> driver.open(start));
      assertEquals(
          "the booking site at "
              + site.baseUrl()
              + "/s/http-1/ renders its controls with JavaScript; the http driver cannot run it:"
              + " use --driver playwright",
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void askWithoutAnAskBoxIsAnInvalidAction() {
    try (ShopServer shop = TestShop.start();
        WebEnvironment env =
            new WebEnvironment(
                new HttpDriver(), shop.data().goal(0).instruction(), shop.startUrl(0, "ask"))) {
      var start = env.reset();
      StepResult r = env.step(new Action.Ask("What size?"));
      assertTrue(r.invalid());
      assertEquals(
          "invalid action: ASK [...] needs the page's 'Ask the user' box, and this page has none",
          r.message());
      assertEquals(start, r.observation());
    }
  }
}
