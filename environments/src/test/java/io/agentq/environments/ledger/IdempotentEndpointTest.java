package io.agentq.environments.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.ledger.CounterSite.Increment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of the Idempotency-Key contract, on a fake counter site (not the shop): 400 without a
 * key, the stored outcome replayed and marked, 409 while in flight, 422 on another body, lookup by
 * key, keys purged after 31 days by an injected clock, and the record and its key written together
 * or not at all.
 */
class IdempotentEndpointTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("counter.db");
  }

  @Test
  void aRequestWithoutAKeyGets400AndWritesNothing() {
    try (CounterSite site = new CounterSite(file())) {
      for (String header : new String[] {null, "", "   ", "\"\""}) {
        KeyedOutcome<Increment> o = site.add(header, 5);
        assertInstanceOf(KeyedOutcome.MissingKey.class, o, "header [" + header + "]");
        assertEquals(400, o.status());
        assertEquals(Map.of(), o.headers());
        assertTrue(o.reason().contains("needs an Idempotency-Key header"), o.reason());
      }
      assertEquals(0, site.writes.get(), "the site's writer never ran");
      assertEquals(List.of(), site.increments());
      assertEquals(0, site.keyRows());
    }
  }

  @Test
  void theSameKeyAndBodyReplaysTheStoredOutcomeMarkedAsAReplay() {
    try (CounterSite site = new CounterSite(file())) {
      KeyedOutcome<Increment> first = site.add("k1", 5);
      assertInstanceOf(KeyedOutcome.Created.class, first);
      Increment made = ((KeyedOutcome.Created<Increment>) first).record();
      assertEquals(201, first.status(), "the site's own success status");
      assertEquals(Map.of(), first.headers(), "a first answer is not a replay");
      assertEquals(1, made.id());
      assertEquals("k1", made.key());
      assertEquals(5, made.amount());

      // The draft's sf-string form of the same key is the same key.
      for (String header : new String[] {"k1", "\"k1\"", "  k1 "}) {
        KeyedOutcome<Increment> again = site.add(header, 5);
        assertEquals(
            made,
            assertInstanceOf(KeyedOutcome.Replayed.class, again).record(),
            "header " + header);
        assertEquals(201, again.status());
        assertEquals(Map.of("Idempotent-Replayed", "true"), again.headers());
      }
      assertEquals(1, site.writes.get(), "one write for four requests");
      assertEquals(List.of(made), site.increments());
      assertEquals(1, site.keyRows());
    }
  }

  @Test
  void theSameKeyWithAnotherBodyGets422AndWritesNothing() {
    try (CounterSite site = new CounterSite(file())) {
      site.add("k2", 5);
      KeyedOutcome<Increment> other = site.add("k2", 6);
      assertInstanceOf(KeyedOutcome.Mismatch.class, other);
      assertEquals(422, other.status());
      assertEquals(Map.of(), other.headers());
      assertEquals(1, site.writes.get());
      assertEquals(1, site.increments().size());
      assertEquals(5, site.increments().get(0).amount(), "the first request's record stands");
    }
  }

  @Test
  void whileTheFirstRequestIsInFlightTheSameKeyGets409AndAnotherBody422() throws Exception {
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Runnable holdTheFirst =
        () -> {
          if (calls.getAndIncrement() == 0) {
            inFlight.countDown();
            await(release);
          }
        };
    try (CounterSite site = new CounterSite(file(), Clock.systemUTC(), holdTheFirst)) {
      assertEquals(KeyLookup.State.ABSENT, site.endpoint.lookup("k3").state());
      CompletableFuture<KeyedOutcome<Increment>> first =
          CompletableFuture.supplyAsync(() -> site.add("k3", 5));
      try {
        assertTrue(inFlight.await(5, TimeUnit.SECONDS), "the first request reached its write");

        KeyLookup<Increment> during = site.endpoint.lookup("k3");
        assertEquals(KeyLookup.State.IN_PROGRESS, during.state());
        assertNull(during.record());

        KeyedOutcome<Increment> retry = site.add("k3", 5);
        assertInstanceOf(KeyedOutcome.InFlight.class, retry);
        assertEquals(409, retry.status());
        KeyedOutcome<Increment> other = site.add("k3", 6);
        assertInstanceOf(KeyedOutcome.Mismatch.class, other);
        assertEquals(422, other.status());
      } finally {
        release.countDown();
      }
      assertInstanceOf(KeyedOutcome.Created.class, first.get(5, TimeUnit.SECONDS));
      assertEquals(1, site.writes.get());
      assertEquals(1, site.increments().size());
    }
  }

  @Test
  void aLookupByKeyAnswersTakenWithTheRecordAbsentOrInProgressAndSurvivesARestart() {
    Increment made;
    try (CounterSite site = new CounterSite(file())) {
      assertEquals(
          new KeyLookup<Increment>("k4", KeyLookup.State.ABSENT, null), site.endpoint.lookup("k4"));
      made = ((KeyedOutcome.Created<Increment>) site.add("k4", 7)).record();
      assertEquals(new KeyLookup<>("k4", KeyLookup.State.TAKEN, made), site.endpoint.lookup("k4"));
    }
    try (CounterSite reopened = new CounterSite(file())) {
      assertEquals(
          new KeyLookup<>("k4", KeyLookup.State.TAKEN, made), reopened.endpoint.lookup("k4"));
      assertInstanceOf(KeyedOutcome.Replayed.class, reopened.add("k4", 7));
      assertInstanceOf(KeyedOutcome.Mismatch.class, reopened.add("k4", 8));
      assertEquals(0, reopened.writes.get());
    }
    assertEquals("taken", KeyLookup.State.TAKEN.wire());
    assertEquals("in_progress", KeyLookup.State.IN_PROGRESS.wire());
  }

  @Test
  void keysAreKept31DaysByTheInjectedClockThenPurgedWhileTheirRecordsStay() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    CounterSite.HandClock clock = new CounterSite.HandClock(t0);
    try (CounterSite site = new CounterSite(file(), clock, () -> {})) {
      site.add("old", 1); // written at t0
      clock.advance(Duration.ofDays(10));
      site.add("newer", 2); // written at t0 + 10 days
      assertEquals(Duration.ofDays(31), KeyContract.KEY_RETENTION);

      // At t0 + 31 days the cutoff is t0 itself: a key made at t0 is not older than it.
      clock.advance(Duration.ofDays(21));
      assertEquals(0, site.ledger.purgeExpired(KeyContract.KEY_RETENTION));
      assertEquals(KeyLookup.State.TAKEN, site.endpoint.lookup("old").state());

      // One millisecond later it is.
      clock.advance(Duration.ofMillis(1));
      assertEquals(1, site.ledger.purgeExpired(KeyContract.KEY_RETENTION));
      assertEquals(KeyLookup.State.ABSENT, site.endpoint.lookup("old").state());
      assertEquals(KeyLookup.State.TAKEN, site.endpoint.lookup("newer").state());
      assertEquals(2, site.increments().size(), "records are never purged");
      assertEquals(t0, site.increments().get(0).at(), "the record has the key's time");

      clock.advance(Duration.ofDays(10));
      assertEquals(1, site.ledger.purgeExpired(KeyContract.KEY_RETENTION));
      assertEquals(0, site.keyRows());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the first request");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
