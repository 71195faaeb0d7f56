package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingSite;
import io.agentq.workers.runtime.AgentqStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentq serve booking} runs the booking site as its own process on the seeded tasks, prints
 * its URL, and keeps its records in {@code $AGENTQ_HOME/site/booking.db} unless told otherwise.
 */
class BookingServeTest {
  @TempDir Path home;

  @Test
  void serveBookingPrintsItsUrlAndKeepsItsRecordsInTheHomeFolder() throws Exception {
    int port = AgentqStack.freePort();
    try (Child c =
        Child.start(
            home,
            home.resolve("booking.log"),
            List.of("serve", "booking", "--port", Integer.toString(port)))) {
      assertTrue(
          c.awaitThat(() -> c.output().contains("The booking site is at"), 60),
          "the booking site did not start: " + c.output());
      String url = "http://127.0.0.1:" + port;
      assertTrue(c.output().contains("The booking site is at " + url + "/"), c.output());
      Path db = home.resolve("site").resolve("booking.db");
      assertTrue(c.output().contains(db.toString()), c.output());
      assertTrue(Files.exists(db));
      BookingSite site = new BookingSite(url);
      assertEquals(BookingData.generated().tasks().get(7).request(), site.instruction(7));
      assertEquals(url + "/s/serve-1/", site.openSession(7, "serve-1", true));
      assertTrue(site.reservations().isEmpty());
    }
  }
}
