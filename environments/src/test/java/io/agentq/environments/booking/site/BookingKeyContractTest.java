package io.agentq.environments.booking.site;

import static io.agentq.environments.booking.site.SiteFixture.location;
import static io.agentq.environments.booking.site.SiteFixture.open;
import static io.agentq.environments.booking.site.SiteFixture.post;
import static io.agentq.environments.booking.site.SiteFixture.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.ledger.KeyContract;
import io.agentq.environments.ledger.KeyLookup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Complete reservation" and "Send answer and finish" on a live session keep the ledger kit's
 * Idempotency-Key contract: no key, nothing done (400); one record per key however often it is sent
 * (replays marked); the same key while its first request runs is turned away (409); the same key
 * for another request is refused (422); a lookup says taken, absent or in progress; keys older than
 * the retention are purged and their records stay.
 */
class BookingKeyContractTest {
  @TempDir Path dir;

  private BookingServer.Options options() {
    return BookingServer.Options.at(dir.resolve("booking.db"));
  }

  @Test
  void withoutAKeyNothingIsBooked() {
    try (BookingServer site = SiteFixture.start(options())) {
      open(site, 0, "live", false);
      HttpResponse<String> r = post(site, "/s/live/complete", table("19:30", "indoor"), null, null);
      assertEquals(400, r.statusCode());
      assertTrue(r.body().contains("Idempotency-Key"), r.body());
      HttpResponse<String> send = post(site, "/s/live/send", Map.of("tell", "no"), " ", null);
      assertEquals(400, send.statusCode());
      assertEquals(List.of(), site.book().records());
    }
  }

  @Test
  void theSameRequestUnderItsKeyIsRecordedOnceAndReplayed() {
    try (BookingServer site = SiteFixture.start(options())) {
      open(site, 0, "live", false);
      HttpResponse<String> first =
          post(site, "/s/live/complete", table("19:30", "indoor"), "ep:irreversible:1", "ep");
      assertEquals(303, first.statusCode(), first.body());
      assertTrue(first.headers().firstValue(KeyContract.REPLAYED_HEADER).isEmpty());
      for (String sent : List.of("ep:irreversible:1", "\"ep:irreversible:1\"")) {
        HttpResponse<String> again =
            post(site, "/s/live/complete", table("19:30", "indoor"), sent, "ep");
        assertEquals(303, again.statusCode(), again.body());
        assertEquals("/s/live/done", location(again));
        assertEquals("true", again.headers().firstValue(KeyContract.REPLAYED_HEADER).orElse(""));
      }
      assertEquals(1, site.book().records().size());
      assertEquals(1, new BookingSite(site.baseUrl()).reservations().size());
    }
  }

  @Test
  void theSameKeyForAnotherRequestIsRefusedWith422() {
    try (BookingServer site = SiteFixture.start(options())) {
      open(site, 0, "live", false);
      post(site, "/s/live/complete", table("19:30", "indoor"), "k", "ep");
      HttpResponse<String> otherTable =
          post(site, "/s/live/complete", table("20:00", "indoor"), "k", "ep");
      assertEquals(422, otherTable.statusCode());
      assertTrue(otherTable.body().contains("was already used for another request"));
      HttpResponse<String> anAnswer = post(site, "/s/live/send", Map.of("tell", "hi"), "k", "ep");
      assertEquals(422, anAnswer.statusCode());
      assertEquals(1, site.book().records().size());
      assertEquals(LocalTime.of(19, 30), site.book().records().get(0).reservation().time());
    }
  }

  @Test
  void aKeyInFlightIsTurnedAwayWith409AndLooksInProgress() throws Exception {
    try (BookingServer site =
        SiteFixture.start(options().withCommitDelay(Duration.ofMillis(1500)))) {
      open(site, 0, "live", false);
      BookingSite client = new BookingSite(site.baseUrl());
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(
              () -> post(site, "/s/live/complete", table("19:30", "indoor"), "slow", "ep"));
      long deadline = System.currentTimeMillis() + 1000;
      while (client.lookup("slow").state() != KeyLookup.State.IN_PROGRESS
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(KeyLookup.State.IN_PROGRESS, client.lookup("slow").state());
      HttpResponse<String> second =
          post(site, "/s/live/complete", table("19:30", "indoor"), "slow", "ep");
      assertEquals(409, second.statusCode(), second.body());
      assertEquals(303, first.get().statusCode());
      KeyLookup<BookingRecord> taken = client.lookup("slow");
      assertEquals(KeyLookup.State.TAKEN, taken.state());
      assertEquals("live", taken.record().session());
      assertEquals(0, taken.record().taskId());
      KeyLookup<BookingRecord> absent = client.lookup("never used");
      assertEquals(KeyLookup.State.ABSENT, absent.state());
      assertNull(absent.record());
      assertEquals(1, site.book().records().size());
    }
  }

  @Test
  void keysOlderThanTheirRetentionArePurgedAndTheirRecordsStay() throws Exception {
    try (BookingServer site = SiteFixture.start(options())) {
      open(site, 0, "live", false);
      post(site, "/s/live/complete", table("19:30", "indoor"), "old", "ep");
    }
    Thread.sleep(5);
    try (BookingServer site = SiteFixture.start(options().withKeyRetention(Duration.ZERO))) {
      assertEquals(KeyLookup.State.ABSENT, new BookingSite(site.baseUrl()).lookup("old").state());
      assertEquals(1, site.book().records().size());
    }
    try (BookingServer site = SiteFixture.start(options())) {
      // The default keeps keys 31 days.
      assertEquals(Duration.ofDays(31), options().keyRetention());
    }
  }
}
