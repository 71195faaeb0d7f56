package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.site.BookingData;
import io.agentq.environments.booking.site.BookingRecord;
import io.agentq.environments.booking.site.BookingServer;
import io.agentq.environments.booking.site.BookingSite;
import io.agentq.environments.ledger.KeyLookup;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning on the booking site, in processes of their own: behaviour cloning of the booking expert
 * (every demonstrated step a decision of the booking row; the version promoted on booking, the shop
 * left alone), then an Agent Q cycle on booking whose process is killed with SIGKILL once the first
 * of its two searched episodes is stored, and started again. The cycle finishes; the episode stored
 * before the kill is read back (its files never rewritten, and the restarted process's workflow
 * history of it, archived with the cycle, holds that read and no other activity: no sandbox step,
 * policy call, lookup, commit or checkpoint), every artifact of the cycle is present, and the site
 * holds exactly one reservation for every episode that committed one and none for any other.
 */
class BookingCycleResumeTest {
  @TempDir static Path dir;
  static SmallShop shop;
  static Path home;
  static String baseOutput;

  @BeforeAll
  static void base() throws Exception {
    shop = SmallShop.in(dir);
    home = dir.resolve("home");
    try (Child c =
        Child.start(
            home,
            home.resolve("base.log"),
            shop.args(
                List.of(
                    "train-base",
                    "--env",
                    "booking",
                    "--demos",
                    "20",
                    "--epochs",
                    "20",
                    "--dev-tasks",
                    "2")))) {
      assertEquals(0, c.exitCode(900), c.output());
      baseOutput = c.output();
    }
  }

  static List<String> start() {
    return shop.args(
        List.of(
            "cycle",
            "start",
            "--env",
            "booking",
            "--id",
            "b1",
            "--budget",
            "400",
            "--window",
            "1",
            "--iterations",
            "1",
            "--k",
            "2",
            "--max-steps",
            "24",
            "--epochs",
            "5",
            "--dev-tasks",
            "2",
            "--heldout-tasks",
            "2",
            "--heldout-search-tasks",
            "0"));
  }

  @Test
  void behaviourCloningReadsEveryDemonstratedStepAndPromotesOnBookingOnly() {
    Matcher demos =
        Pattern.compile("(\\d+) environment steps\\), in datasets/booking-demos/")
            .matcher(baseOutput);
    assertTrue(demos.find(), baseOutput);
    Matcher policy =
        Pattern.compile(
                "policy v0: mlp\\(\\d+->128->1\\) over decision:cand10\\+page5\\+booking-v1:44,"
                    + " (\\d+) decisions")
            .matcher(baseOutput);
    assertTrue(policy.find(), baseOutput);
    assertEquals(demos.group(1), policy.group(1), "every demonstrated step is a decision");
    assertTrue(baseOutput.contains("promoted: true"), baseOutput);
    Path policies = home.resolve("s3/agentq/policies");
    assertTrue(Files.exists(policies.resolve("promoted-booking.json")), "promoted on booking");
    assertTrue(
        !Files.exists(policies.resolve("promoted.json")),
        "the shop has no promoted version: the booking one did not take its place");
  }

  @Test
  void aBookingCycleKilledAfterItsFirstEpisodeFinishesWithOneReservationPerCommit()
      throws Exception {
    try (Child first = Child.start(home, home.resolve("first.log"), start())) {
      assertTrue(
          first.awaitThat(() -> collected() >= 1, 900),
          "collection never stored an episode: " + first.output());
      first.kill();
    }
    Map<String, FileTime> beforeKill = CycleResumeTest.manifests(home);
    List<String> collectedBefore = collectedIds();
    assertEquals(1, collectedBefore.size(), beforeKill.toString());
    assertEquals(
        "running",
        TrainingRoundTest.stored(home, "cycles/b1/cycle.json").at("/data/steps/0/status").asText(),
        "killed during collection (a second episode to go: about 330 interactions each)");

    try (Child second = Child.start(home, home.resolve("second.log"), start())) {
      assertEquals(0, second.exitCode(1200), second.output());
    }
    JsonNode r = TrainingRoundTest.stored(home, "cycles/b1/cycle.json").get("data");
    assertEquals("booking", r.at("/request/environment").asText(), r.toString());
    assertTrue(r.at("/round/version").asText().startsWith("v"), r.toString());
    assertTrue(r.get("promoted").isBoolean(), "the cycle decided on promotion: " + r);
    for (String key : List.of("report.json", "report.html")) {
      assertTrue(Files.exists(home.resolve("s3/agentq/reports/b1/" + key)), key);
    }

    Map<String, FileTime> after = CycleResumeTest.manifests(home);
    beforeKill.forEach((k, t) -> assertEquals(t, after.get(k), "episode run twice: " + k));
    List<String> collected = collectedIds();
    // The budget of 400 takes episodes until their interactions reach it: two or more (how many
    // depends on the train tasks' order and the policy), at least one after the kill.
    assertTrue(
        collected.size() >= 2 && collected.size() > collectedBefore.size(),
        "the budget of 400 takes two or more episodes, some after the kill: " + collected);
    assertTrue(collected.containsAll(collectedBefore), collected.toString());
    // The property itself, not its consequences: the restarted process read the stored episode
    // back and did nothing else with it. (Its files alone cannot say so: they are write-once, and a
    // commit asks the site by key first, so running it again would leave them as they were.)
    String storedBeforeKill = collectedBefore.get(0);
    assertEquals(
        Map.of("ArtifactsBegin", 1L),
        activitiesRun(storedBeforeKill),
        "the restarted process ran " + storedBeforeKill + " again instead of reading it back");

    // The site's own records: one reservation for every collected episode that committed a
    // booking, none for the others; evaluations run in sandboxes and book nothing.
    try (BookingServer site =
        BookingServer.start(
            BookingData.generated(),
            0,
            BookingServer.Options.at(home.resolve("site/booking.db")))) {
      BookingSite client = new BookingSite(site.baseUrl());
      List<Reservation> all = client.reservations();
      List<String> wrong = new ArrayList<>();
      for (String id : collected) {
        JsonNode m =
            TrainingRoundTest.stored(home, "episodes/" + id + "/manifest.json").get("data");
        long committed = 0;
        for (JsonNode c : m.get("irreversible")) {
          // the key's record at the site says what the commit was: a reservation or an answer
          KeyLookup<BookingRecord> key = client.lookup(c.get("key").asText());
          if (key.state() != KeyLookup.State.TAKEN) {
            wrong.add(id + ": key " + c.get("key").asText() + " is " + key.state());
          } else if (key.record().kind() == BookingRecord.Kind.RESERVATION) {
            committed++;
          }
        }
        long booked = all.stream().filter(x -> x.episodeId().equals(id)).count();
        if (booked != committed || booked > 1) {
          wrong.add(id + ": " + booked + " reservations, " + committed + " committed; " + m);
        }
      }
      assertEquals(List.of(), wrong);
      assertTrue(
          all.stream().anyMatch(x -> x.episodeId().equals(collectedBefore.get(0))),
          "the episode stored before the kill booked its table (cloned from 20 demonstrations, the"
              + " policy books 95% of bookable held-out tasks without search): "
              + all);
      assertTrue(
          all.stream().allMatch(x -> collected.contains(x.episodeId())),
          "a reservation from no collected episode: " + all);
    }
  }

  /**
   * The activities, local ones included, that the archived workflow histories of {@code episodeId}
   * ran, by type with their counts in order of first use. Only the restarted process archived: the
   * killed one never got that far.
   */
  private static Map<String, Long> activitiesRun(String episodeId) throws IOException {
    Path histories = home.resolve("s3/agentq/episodes/" + episodeId + "/history");
    List<Path> files;
    try (Stream<Path> s = Files.list(histories)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no archived history of " + episodeId + " in " + histories);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Path f : files) {
      for (HistoryEvent e : WorkflowExecutionHistory.fromJson(Files.readString(f)).getEvents()) {
        String type = null;
        if (e.hasActivityTaskScheduledEventAttributes()) {
          type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        } else if (e.hasMarkerRecordedEventAttributes()
            && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
          type =
              DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                  0,
                  Optional.of(e.getMarkerRecordedEventAttributes().getDetailsMap().get("type")),
                  String.class,
                  String.class);
        }
        if (type != null) {
          out.merge(type, 1L, Long::sum);
        }
      }
    }
    return out;
  }

  private static long collected() {
    return collectedIds().size();
  }

  private static List<String> collectedIds() {
    List<String> out = new ArrayList<>();
    for (String k : CycleResumeTest.manifests(home).keySet()) {
      if (k.startsWith("b1-collect-")) {
        out.add(k.substring(0, k.indexOf('/')));
      }
    }
    return out;
  }
}
