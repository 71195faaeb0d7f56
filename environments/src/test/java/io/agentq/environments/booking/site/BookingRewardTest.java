package io.agentq.environments.booking.site;

import static io.agentq.environments.booking.site.SiteFixture.get;
import static io.agentq.environments.booking.site.SiteFixture.location;
import static io.agentq.environments.booking.site.SiteFixture.open;
import static io.agentq.environments.booking.site.SiteFixture.post;
import static io.agentq.environments.booking.site.SiteFixture.reward;
import static io.agentq.environments.booking.site.SiteFixture.table;
import static io.agentq.environments.booking.site.SiteFixture.visibleText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.booking.BookingCheck;
import io.agentq.environments.booking.BookingFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done page's reward is the task's booking check, for the right and a wrong table, and for the
 * unbookable task answered right and wrong; on a sandbox session nothing is recorded, on a live one
 * the record holds the same reward. The visible text never prints a score.
 *
 * <p>By hand: the anniversary (task 0) wants 19:00 on the patio, which is full, as is 19:00 indoors
 * and 19:30 outdoors; the user accepts 19:30 and 20:00, indoors or out: 19:30 indoor is right
 * (1.0), 18:30 outdoor is a time the user never accepted (0.0). The party of four (task 1) cannot
 * be seated at 19:00 and takes no other time: an answer saying it is fully booked is right (1.0),
 * "All done!" is not (0.0).
 */
class BookingRewardTest {
  @TempDir static Path dir;
  static BookingServer site;

  @BeforeAll
  static void start() {
    site = SiteFixture.start(BookingServer.Options.at(dir.resolve("booking.db")));
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  private static String sandboxComplete(String session, Map<String, String> form) {
    open(site, 0, session, true);
    HttpResponse<String> r = post(site, "/s/" + session + "/complete", form, null, null);
    assertEquals(303, r.statusCode(), r.body());
    assertTrue(location(r).startsWith("/s/" + session + "/done?did=reservation&"), location(r));
    return get(site, location(r)).body();
  }

  private static String sandboxSend(String session, String answer) {
    open(site, 1, session, true);
    HttpResponse<String> r =
        post(site, "/s/" + session + "/send", Map.of("tell", answer), null, null);
    assertEquals(303, r.statusCode(), r.body());
    return get(site, location(r)).body();
  }

  /** The records of this test's sandbox sessions (other tests share the site). */
  private static List<BookingRecord> sandboxRecords() {
    return site.book().records().stream().filter(r -> r.session().startsWith("sb-")).toList();
  }

  @Test
  void theRightTableScoresOneAndAWrongOneZeroAndASandboxRecordsNothing() {
    String right = sandboxComplete("sb-right", table("19:30", "indoor"));
    assertEquals("1.0", reward(right));
    assertTrue(right.contains("<meta name=\"agentq:terminal\" content=\"true\">"));
    assertTrue(
        visibleText(right)
            .contains(
                "Your table is booked: Osteria Luna on Friday, December 11, 2026 at 7:30 PM for 2"
                    + " people, indoor seating, under Ana Costa."),
        visibleText(right));
    assertEquals("0.0", reward(sandboxComplete("sb-wrong", table("18:30", "outdoor"))));
    Map<String, String> otherName = new java.util.LinkedHashMap<>(table("20:00", "indoor"));
    otherName.put("name", "Anna Cost");
    assertEquals("0.0", reward(sandboxComplete("sb-name", otherName)));
    assertEquals(List.of(), sandboxRecords());
    assertTrue(
        new BookingSite(site.baseUrl())
            .reservations().stream().noneMatch(r -> r.episodeId().startsWith("sandbox:")));
  }

  @Test
  void theUnbookableTaskScoresOnlyAnAnswerThatSaysWhy() {
    String right =
        sandboxSend(
            "sb-why", "I couldn't book Osteria Luna: Friday at 7 pm is fully booked for four.");
    assertEquals("1.0", reward(right));
    assertTrue(visibleText(right).contains("Message sent to the user:"), visibleText(right));
    assertEquals("0.0", reward(sandboxSend("sb-done", "All done!")));
    assertEquals(List.of(), sandboxRecords());
  }

  @Test
  void theVisibleTextOfADonePageHoldsNoScore() {
    for (String page :
        List.of(
            sandboxComplete("sb-text", table("19:30", "indoor")),
            sandboxSend("sb-text2", "All done!"))) {
      String text = visibleText(page).toLowerCase(java.util.Locale.ROOT);
      for (String word : List.of("reward", "score", "1.0", "0.0", "success")) {
        assertFalse(text.contains(word), word + " in: " + text);
      }
    }
  }

  @Test
  void aLiveRecordHoldsTheRewardItsDonePageDeclares() {
    BookingCheck check = new BookingCheck(BookingFixture.CATALOG);
    open(site, 0, "live-right", false);
    HttpResponse<String> r =
        post(site, "/s/live-right/complete", table("20:00", "outdoor"), "k-right", "ep-right");
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("/s/live-right/done", location(r));
    assertEquals("1.0", reward(get(site, "/s/live-right/done").body()));
    open(site, 0, "live-wrong", false);
    post(site, "/s/live-wrong/complete", table("18:30", "indoor"), "k-wrong", "ep-wrong");
    assertEquals("0.0", reward(get(site, "/s/live-wrong/done").body()));
    open(site, 1, "live-why", false);
    post(
        site,
        "/s/live-why/send",
        Map.of("tell", "Sorry, Osteria Luna has no table for four at 19:00: it is fully booked."),
        "k-why",
        "ep-why");
    assertEquals("1.0", reward(get(site, "/s/live-why/done").body()));

    BookingSite client = new BookingSite(site.baseUrl());
    BookingRecord right = client.lookup("k-right").record();
    assertEquals(BookingRecord.Kind.RESERVATION, right.kind());
    assertEquals("ep-right", right.episodeId());
    assertEquals("/s/live-right/done", right.donePath());
    assertEquals(1.0, right.reward());
    // The record's reward is the check over what the site holds, as a checker would compute it.
    assertEquals(
        1.0,
        check.check(BookingFixture.ANNIVERSARY, "ep-right", client.reservations(), null).reward());
    assertEquals(
        0.0,
        check.check(BookingFixture.ANNIVERSARY, "ep-wrong", client.reservations(), null).reward());
    BookingRecord why = client.lookup("k-why").record();
    assertEquals(BookingRecord.Kind.ANSWER, why.kind());
    assertEquals(1.0, why.reward());
    assertEquals(2, client.reservations().size());
  }
}
