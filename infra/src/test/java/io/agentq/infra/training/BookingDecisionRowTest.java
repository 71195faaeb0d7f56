package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.agentq.core.training.Decision;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.decision.BookingDecisionFeatures;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingExpert;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.infra.browser.Chromium;
import io.agentq.infra.browser.WebEnvironment;
import io.agentq.infra.policy.Candidate;
import io.agentq.infra.policy.MiniLmEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booking decision row on the rendered pages in headless Chromium: every step of the scripted
 * expert is a candidate of the learnable policy (so behaviour cloning sees every decision), and the
 * expert's choices carry the features that name them (checked by hand against the plan).
 */
class BookingDecisionRowTest {
  @TempDir static Path dir;
  static BookingServer site;
  static Chromium chromium;
  static final PolicyFeatures ROW =
      PolicyFeatures.decision(MiniLmEncoder.shared(), new BookingDecisionFeatures());

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

  /** Every expert step of {@code task} in a sandbox session, each a decision of the row. */
  private static List<String> run(BookingTask task, List<Decision> decisions, List<String> log) {
    BookingExpert expert =
        new BookingExpert(BookingPlan.of(task, site.data().catalog(), site.data().user(task)));
    String episode = "row-" + task.id();
    List<String> missing = new ArrayList<>();
    try (WebEnvironment env =
        new WebEnvironment(
            chromium.newDriver(), task.instruction(), site.startUrl(task.id(), episode, true))) {
      Observation page = env.reset();
      List<Action> done = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        AgentState state = new AgentState(task.instruction(), done, page);
        Action a = expert.next(page);
        Optional<Decision> d = LearnedPolicy.decision(ROW, state, a);
        if (d.isEmpty()) {
          missing.add(
              a
                  + " on '"
                  + page.title()
                  + "' not among "
                  + ROW.of(state).candidates().stream().map(Candidate::action).toList());
        } else {
          decisions.add(d.get());
        }
        StepResult r = env.step(a);
        log.add(a + " -> " + r.observation().title() + " reward " + r.reward());
        done.add(a);
        page = r.observation();
        if (r.done()) {
          assertEquals(1.0, r.reward(), String.join("\n", log));
          return missing;
        }
      }
    }
    throw new AssertionError("no terminal page after 40 steps:\n" + String.join("\n", log));
  }

  private static double feature(Decision d, String name) {
    float[] row = d.candidates()[d.chosen()];
    return row[ROW.siteOffset() + BookingDecisionFeatures.NAMES.indexOf(name)];
  }

  @Test
  void everyExpertStepIsACandidateWithTheFeaturesThatNameIt() {
    List<BookingTask> tasks = new ArrayList<>();
    List<BookingTask> all = site.data().tasks();
    // bookable and unbookable, named and unnamed restaurants, a date past the picker's first week,
    // a seating stated in the request
    tasks.add(all.stream().filter(t -> t.bookable() && t.restaurantNamed()).findFirst().get());
    tasks.add(all.stream().filter(t -> t.bookable() && !t.restaurantNamed()).findFirst().get());
    tasks.add(all.stream().filter(t -> !t.bookable()).findFirst().get());
    tasks.add(
        all.stream()
            .filter(t -> t.bookable() && t.seating() != null && tasks.stream().noneMatch(t::equals))
            .findFirst()
            .get());
    assertTrue(tasks.get(0).date().isAfter(tasks.get(0).today().plusDays(6)), "pages the dates");
    List<String> missing = new ArrayList<>();
    List<String> log = new ArrayList<>();
    List<Decision> decisions = new ArrayList<>();
    for (BookingTask t : tasks) {
      log.add("task " + t.id() + ": " + t.request());
      missing.addAll(run(t, decisions, log));
    }
    assertEquals(List.of(), missing, String.join("\n", log));
    // The first task's steps, as its plan reads: search, open, date, party, ...
    long searches = decisions.stream().filter(d -> feature(d, "search-restaurant") == 1).count();
    assertEquals(tasks.size(), searches, "one search for the requested restaurant per task");
    assertTrue(
        decisions.stream().anyMatch(d -> feature(d, "result-named") == 1),
        "the named restaurant opened");
    assertTrue(decisions.stream().anyMatch(d -> feature(d, "date-wanted") == 1));
    assertTrue(decisions.stream().anyMatch(d -> feature(d, "date-toward") == 1));
    assertTrue(decisions.stream().anyMatch(d -> feature(d, "party-wanted") == 1));
    assertTrue(decisions.stream().anyMatch(d -> feature(d, "seating-accepted") == 1));
    assertTrue(decisions.stream().anyMatch(d -> feature(d, "fill-detail") == 1));
    assertEquals(
        3, decisions.stream().filter(d -> feature(d, "complete") == 1).count(), "three bookings");
    assertEquals(1, decisions.stream().filter(d -> feature(d, "tell-could-not") == 1).count());
    // no expert step picks a date, party, time or seating the request and the user did not ask for
    for (String other : List.of("date-other", "party-other", "seating-other", "result-other")) {
      assertEquals(0, decisions.stream().filter(d -> feature(d, other) == 1).count(), other);
    }
  }
}
