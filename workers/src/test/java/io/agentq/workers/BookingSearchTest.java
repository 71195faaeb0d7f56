package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Episode;
import io.agentq.core.Policy;
import io.agentq.core.search.IrreversibleAction;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.booking.BookingPlan;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingExpert;
import io.agentq.environments.booking.site.BookingRecord;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.booking.site.BookingSite;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Booking through the {@code SearchEpisodeWorkflow} in headless Chromium: the pages' date picker,
 * party-size control and time slots exist only once their scripts ran. The search follows the
 * scripted expert (one proposal per node, one iteration per step); the irreversible "Complete
 * reservation" goes to the live session under the episode's key. Each fault ends with exactly one
 * reservation (or answer) on record and every artifact of the episode readable. The fault cases
 * search without rollouts ({@link ProposesNothing}): what they check is the commit, and the
 * expert's walk to the end of its plan from every node would only add browser time.
 */
class BookingSearchTest {
  @TempDir static Path dir;
  static BookingData data;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static DriverFactory drivers;

  /** One proposal per node, one iteration per step, room for the expert's whole plan. */
  static final SearchConfig SCRIPTED =
      new SearchConfig(1, 1, 40, 1.0, 0.5, 0.1, 1, SearchConfig.RolloutValue.SUCCESS, 1);

  @BeforeAll
  static void start() {
    data = BookingData.generated();
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "test"));
    drivers = new DriverFactory("playwright");
  }

  @AfterAll
  static void stop() {
    drivers.close();
    s3.close();
  }

  static BookingServer site(String name, BookingServer.Options options) {
    return BookingServer.start(data, 0, options);
  }

  static BookingServer site(String name) {
    return site(name, BookingServer.Options.at(dir.resolve(name + ".db")));
  }

  /**
   * The n-th task of a kind (bookable or not) among those with the shortest expert plans, so tests
   * take different ones and each searched step's rollout (the expert to the end of its plan) stays
   * short.
   */
  static BookingTask task(boolean bookable, int n) {
    java.util.Map<BookingTask, Integer> length = new java.util.HashMap<>();
    data.tasks().stream()
        .filter(t -> t.bookable() == bookable)
        .forEach(
            t -> length.put(t, BookingPlan.of(t, data.catalog(), data.user(t)).steps().size()));
    return length.keySet().stream()
        .sorted(
            java.util.Comparator.comparingInt((BookingTask t) -> length.get(t))
                .thenComparingInt(BookingTask::id))
        .skip(n)
        .findFirst()
        .get();
  }

  static Policy expert(BookingTask task) {
    return new BookingExpert(BookingPlan.of(task, data.catalog(), data.user(task)));
  }

  /** The expert proposes and rolls out to the end of its plan: the full search. */
  static SearchRig rig(
      BookingSite site,
      BookingTask task,
      UnaryOperator<io.agentq.workflows.search.EnvironmentActivities> browser) {
    return new SearchRig(artifacts, site, drivers, expert(task), browser);
  }

  /**
   * A rollout policy with no proposal: every simulation ends where it starts, unvalued. With one
   * proposal per node and one iteration per step the search still commits the expert's plan.
   */
  record ProposesNothing() implements Policy {
    @Override
    public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
      return List.of();
    }

    @Override
    public double logLikelihood(AgentState state, Action action) {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    public String name() {
      return "proposes-nothing";
    }
  }

  /** The expert proposes and nothing rolls out: a fault case's search, its commit unchanged. */
  static SearchRig rigWithoutRollouts(
      BookingSite site,
      BookingTask task,
      UnaryOperator<io.agentq.workflows.search.EnvironmentActivities> browser) {
    return new SearchRig(
        artifacts,
        site,
        drivers,
        expert(task),
        AgentCatalog.of(new ProposesNothing(), null),
        browser);
  }

  static EpisodeRequest request(String id, BookingTask task) {
    return EpisodeRequest.of(id, task.id(), SCRIPTED).on(BookingSite.ENVIRONMENT);
  }

  static List<Reservation> reservations(BookingSite site, String episode) {
    return site.reservations().stream().filter(r -> r.episodeId().equals(episode)).toList();
  }

  static void assertArtifactsReadable(EpisodeArtifacts a) {
    TreeSnapshot tree = artifacts.get(a.treeKey(), TreeSnapshot.class).orElseThrow();
    assertEquals(a.summary().nodes(), tree.nodes().size());
    assertEquals(
        a.summary().steps(),
        artifacts.get(a.trajectoryKey(), Episode.class).orElseThrow().length());
    assertEquals(
        a.pairs(), new String(artifacts.store().get(a.pairsKey()).orElseThrow()).lines().count());
    assertEquals(a, artifacts.get(a.manifestKey(), EpisodeArtifacts.class).orElseThrow());
  }

  @Test
  void theWorkflowBooksATableOnTheJavaScriptPagesExactlyOnce() {
    BookingTask task = task(true, 0);
    String id = "bk-e2e";
    try (BookingServer server = site("e2e");
        SearchRig rig = rig(new BookingSite(server.baseUrl()), task, UnaryOperator.identity())) {
      BookingSite site = new BookingSite(server.baseUrl());
      EpisodeArtifacts a = rig.run(request(id, task));
      assertTrue(a.summary().success(), a.summary().toString());
      assertEquals(1.0, a.summary().score(), 1e-12);
      List<Reservation> mine = reservations(site, id);
      assertEquals(1, mine.size(), mine.toString());
      assertEquals(task.restaurant(), mine.get(0).restaurant());
      assertEquals(task.date(), mine.get(0).date());
      assertEquals(task.partySize(), mine.get(0).partySize());
      assertEquals(task.profile().email(), mine.get(0).email());
      List<String> commands = a.summary().actions();
      assertTrue(commands.stream().anyMatch(c -> c.startsWith("ASK [")), commands.toString());
      assertEquals(1, a.irreversible().size());
      assertFalse(a.irreversible().get(0).adopted(), "committed directly, not learned by key");
      Episode done = artifacts.get(a.trajectoryKey(), Episode.class).orElseThrow();
      assertTrue(
          done.steps().get(0).url().contains("/s/sbx-" + id + "/"), done.steps().get(0).url());
      assertArtifactsReadable(a);
    }
  }

  @Test
  void anUnbookableTaskIsAnsweredAndNothingIsBooked() {
    BookingTask task = task(false, 0);
    String id = "bk-answer";
    try (BookingServer server = site("answer");
        SearchRig rig = rig(new BookingSite(server.baseUrl()), task, UnaryOperator.identity())) {
      BookingSite site = new BookingSite(server.baseUrl());
      EpisodeArtifacts a = rig.run(request(id, task));
      assertTrue(a.summary().success(), a.summary().toString());
      assertEquals(List.of(), reservations(site, id));
      KeyLookup<BookingRecord> key = site.lookup(IrreversibleAction.key(id, 1));
      assertEquals(KeyLookup.State.TAKEN, key.state());
      assertEquals(BookingRecord.Kind.ANSWER, key.record().kind());
      assertArtifactsReadable(a);
    }
  }

  /**
   * The site is slow: the commit's one attempt (8 s: time to restore the page and click in a
   * browser, which a 2 s timeout would spend on Chromium's start alone) times out while the site
   * holds the request for 12 s before it writes. The workflow asks the site by key (in progress,
   * then taken) and adopts the reservation that landed late; it never sends "Complete reservation"
   * again, and the site's ledger holds the key with that one reservation.
   */
  @Test
  void commitTimesOutWhileTheSiteIsSlowAndTheLateReservationIsAdopted() {
    BookingTask task = task(true, 1);
    String id = "bk-slow";
    try (BookingServer server =
            site(
                "slow",
                BookingServer.Options.at(dir.resolve("slow.db"))
                    .withCommitDelay(Duration.ofSeconds(12)));
        SearchRig rig =
            rigWithoutRollouts(new BookingSite(server.baseUrl()), task, UnaryOperator.identity())) {
      BookingSite site = new BookingSite(server.baseUrl());
      EpisodeArtifacts a =
          rig.run(
              request(id, task).with(EpisodeRequest.Orchestration.defaults().withTimeouts(60, 8)));
      List<Reservation> mine = reservations(site, id);
      assertEquals(1, mine.size(), "one reservation: " + mine);
      KeyLookup<BookingRecord> key = site.lookup(IrreversibleAction.key(id, 1));
      assertEquals(KeyLookup.State.TAKEN, key.state(), key.toString());
      assertEquals(BookingRecord.Kind.RESERVATION, key.record().kind(), key.toString());
      assertEquals(mine.get(0), key.record().reservation(), "the key's record is the reservation");
      assertEquals(1, a.irreversible().size());
      assertTrue(a.irreversible().get(0).adopted(), "learned by key after the timeout");
      assertTrue(a.irreversible().get(0).matchesSearch(), a.irreversible().get(0).note());
      assertEquals(1.0, a.summary().score(), 1e-12);
      assertArtifactsReadable(a);
    }
  }

  /**
   * The worker dies after the reservation request reached the site and before the activity
   * reported. The episode runs again in a new process: it finds the reservation by key, adopts it,
   * and books nothing more.
   */
  @Test
  void aWorkerKilledAfterTheReservationWasSentLeavesExactlyOneReservation() throws Exception {
    BookingTask task = task(true, 2);
    String id = "bk-killed";
    String key = IrreversibleAction.key(id, 1);
    CountDownLatch never = new CountDownLatch(1);
    try (BookingServer server = site("killed")) {
      BookingSite site = new BookingSite(server.baseUrl());
      try (SearchRig crashing =
          rigWithoutRollouts(site, task, real -> new SearchRig.HangAfterCommit(real, never))) {
        crashing.start(request(id, task));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (site.lookup(key).state() != KeyLookup.State.TAKEN) {
          assertTrue(System.nanoTime() < deadline, "the first run never booked");
          Thread.sleep(100);
        }
      }
      try (SearchRig again = rigWithoutRollouts(site, task, UnaryOperator.identity())) {
        EpisodeArtifacts a = again.run(request(id, task));
        assertEquals(1, reservations(site, id).size(), "no second reservation");
        assertTrue(a.irreversible().get(0).adopted());
        assertTrue(a.irreversible().get(0).matchesSearch(), a.irreversible().get(0).note());
        assertEquals(1.0, a.summary().score(), 1e-12);
        assertArtifactsReadable(a);
      }
    }
  }

  /**
   * The same episode started twice with one id, in two processes at once (two workflow services, as
   * after a client retried against another cluster): both search and both commit under the
   * episode's key; the site makes one reservation and both runs end with it.
   */
  @Test
  void theSameEpisodeStartedTwiceMakesOneReservation() throws Exception {
    BookingTask task = task(true, 3);
    String id = "bk-twice";
    try (BookingServer server = site("twice");
        SearchRig one =
            rigWithoutRollouts(new BookingSite(server.baseUrl()), task, UnaryOperator.identity());
        SearchRig two =
            rigWithoutRollouts(new BookingSite(server.baseUrl()), task, UnaryOperator.identity())) {
      BookingSite site = new BookingSite(server.baseUrl());
      var first =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> one.run(request(id, task)));
      EpisodeArtifacts second = two.run(request(id, task));
      EpisodeArtifacts firstDone = first.get(300, TimeUnit.SECONDS);
      assertEquals(1, reservations(site, id).size(), "one reservation for two starts");
      assertEquals(1.0, firstDone.summary().score(), 1e-12);
      assertEquals(1.0, second.summary().score(), 1e-12);
      assertEquals(KeyLookup.State.TAKEN, site.lookup(IrreversibleAction.key(id, 1)).state());
      assertTrue(firstDone.summary().success() && second.summary().success());
      assertArtifactsReadable(
          artifacts.get("episodes/" + id + "/manifest.json", EpisodeArtifacts.class).orElseThrow());
    }
  }
}
