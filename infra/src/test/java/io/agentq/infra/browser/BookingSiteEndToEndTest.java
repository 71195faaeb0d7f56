package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.agentq.environments.booking.BookingCheck;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.PlanStep;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingExpert;
import io.agentq.environments.booking.site.BookingLabels;
import io.agentq.environments.booking.site.BookingRecord;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.booking.site.BookingSite;
import io.agentq.environments.ledger.KeyLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booking site end to end in headless Chromium: the scripted expert, reading only the rendered
 * pages, books a bookable generated task and answers an unbookable one through {@link
 * WebEnvironment} on live sessions, with its irreversible clicks under Idempotency-Keys. Both end
 * on a terminal page with reward 1.0; the reservation is in the site's database exactly once and
 * the unbookable episode left none.
 */
class BookingSiteEndToEndTest {
  @TempDir static Path dir;
  static BookingServer site;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    site =
        BookingServer.start(
            BookingData.generated(), 0, BookingServer.Options.at(dir.resolve("booking.db")));
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() {
    chromium.close();
    site.close();
  }

  /** The first task of this kind whose expert plan pages the date picker when {@code paging}. */
  private static BookingTask first(boolean bookable, boolean paging) {
    return site.data().tasks().stream()
        .filter(t -> t.bookable() == bookable)
        .filter(t -> !paging || t.date().isAfter(t.today().plusDays(6)))
        .findFirst()
        .orElseThrow();
  }

  /** Runs the expert on a live session; returns the last step, having checked every step. */
  private static StepResult run(BookingTask task, String episode, List<String> log) {
    BookingPlan plan = BookingPlan.of(task, site.data().catalog(), site.data().user(task));
    BookingExpert expert = new BookingExpert(plan);
    try (WebEnvironment env =
        new WebEnvironment(
                chromium.newDriver(), task.instruction(), site.startUrl(task.id(), episode, false))
            .sendingKeys(episode, n -> episode + ":irreversible:" + n)) {
      Observation page = env.reset();
      List<Action> done = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        Action a =
            expert
                .propose(new AgentState(task.instruction(), done, page), 1, new SplittableRandom(1))
                .get(0)
                .command();
        StepResult r = env.step(a);
        log.add(a + " -> " + r.message() + " @ " + r.observation().title());
        assertFalse(r.invalid(), String.join("\n", log));
        done.add(a);
        page = r.observation();
        if (r.done()) {
          return r;
        }
      }
      throw new AssertionError("no terminal page after 40 steps:\n" + String.join("\n", log));
    }
  }

  @Test
  void theExpertBooksABookableTaskExactlyOnce() {
    BookingTask task = first(true, true);
    List<String> log = new ArrayList<>();
    StepResult last = run(task, "e2e-book", log);
    assertEquals(1.0, last.reward(), String.join("\n", log));
    assertTrue(
        last.observation().text().contains("Your table is booked: " + task.restaurant()),
        last.observation().text());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("ASK [")), String.join("\n", log));
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("click[" + BookingLabels.LATER_DATES + "]")),
        "the task's date is past the first week: " + String.join("\n", log));

    BookingSite client = new BookingSite(site.baseUrl());
    List<Reservation> mine =
        client.reservations().stream().filter(r -> r.episodeId().equals("e2e-book")).toList();
    assertEquals(1, mine.size(), mine.toString());
    assertEquals(task.date(), mine.get(0).date());
    assertEquals(task.partySize(), mine.get(0).partySize());
    assertEquals(task.profile().email(), mine.get(0).email());
    KeyLookup<BookingRecord> key = client.lookup("e2e-book:irreversible:1");
    assertEquals(KeyLookup.State.TAKEN, key.state());
    assertEquals(1.0, key.record().reward());
    assertEquals(
        1.0,
        new BookingCheck(site.data().catalog())
            .check(task, "e2e-book", client.reservations(), null)
            .reward());
  }

  @Test
  void theExpertAnswersAnUnbookableTaskAndBooksNothing() {
    BookingTask task = first(false, false);
    List<String> log = new ArrayList<>();
    StepResult last = run(task, "e2e-answer", log);
    assertEquals(1.0, last.reward(), String.join("\n", log));
    BookingPlan plan = BookingPlan.of(task, site.data().catalog(), site.data().user(task));
    assertTrue(
        last.observation().text().contains(plan.last(PlanStep.Kind.ANSWER)),
        last.observation().text());
    BookingSite client = new BookingSite(site.baseUrl());
    assertTrue(client.reservations().stream().noneMatch(r -> r.episodeId().equals("e2e-answer")));
    BookingRecord sent = client.lookup("e2e-answer:irreversible:1").record();
    assertEquals(BookingRecord.Kind.ANSWER, sent.kind());
    assertEquals(1.0, sent.reward());
  }

  @Test
  void askIsTypedIntoThePagesAskBox() {
    assertEquals(BookingLabels.ASK_BOX, WebEnvironment.ASK_BOX);
    BookingTask task = first(true, false);
    try (WebEnvironment env =
        new WebEnvironment(
            chromium.newDriver(), task.instruction(), site.startUrl(task.id(), "e2e-ask", true))) {
      env.reset();
      StepResult r = env.step(new Action.Ask("What's your email address?"));
      assertFalse(r.invalid(), r.message());
      assertTrue(
          r.observation()
              .text()
              .contains("User: " + site.data().user(task).answer("What's your email address?")),
          r.observation().text());
      assertTrue(r.observation().url().contains("ask1=What"), r.observation().url());
    }
  }
}
