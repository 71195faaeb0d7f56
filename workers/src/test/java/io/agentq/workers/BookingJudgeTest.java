package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.workers.CommandLineTest.Run;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentq train-judge on the booking site, in headless Chromium: one judge trained on a tiny shop's
 * and the booking site's train episodes together, measured on both sites' held-out episodes, one
 * row each; no booking episode's judge input carries the site's reward (the done pages hold it as a
 * meta fact only); a rerun measuring the stored judge on booking alone reads every episode back and
 * prints the same booking row, into a report of its own beside the judge's first one.
 */
class BookingJudgeTest {
  @TempDir static Path dir;
  static Path home;
  static String catalog;
  static String goals;

  @BeforeAll
  static void sites() {
    home = dir.resolve("home");
    System.setProperty("agentq.home", home.toString());
    new CatalogGenerator(41, 5, 2).write(dir.resolve("shop"));
    catalog = dir.resolve("shop/catalog.json").toString();
    goals = dir.resolve("shop/goals.jsonl").toString();
  }

  static String[] trainJudge(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train-judge",
                "--train-tasks",
                "2",
                "--dev-tasks",
                "1",
                "--heldout-tasks",
                "2",
                "--sources",
                "expert,expert-deviating",
                "--deviation",
                "0.4",
                "--epochs",
                "10",
                "--catalog",
                catalog,
                "--goals",
                goals));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The held-out "all" line of a site, with its counts checked to add up to {@code episodes}. */
  static String allLine(String out, String site, int episodes) {
    Matcher m =
        Pattern.compile(
                "heldout "
                    + site
                    + " all\\s+"
                    + episodes
                    + " episodes \\((\\d+) successes\\): agreement .* tp (\\d+) fp (\\d+) tn (\\d+)"
                    + " fn (\\d+)")
            .matcher(out);
    assertTrue(m.find(), site + " row of " + episodes + " episodes in:\n" + out);
    int tp = Integer.parseInt(m.group(2));
    int fn = Integer.parseInt(m.group(5));
    assertEquals(Integer.parseInt(m.group(1)), tp + fn, "successes = tp + fn");
    assertEquals(
        episodes, tp + Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4)) + fn, "total");
    return m.group();
  }

  @Test
  void oneJudgeForBothSitesThenMeasuredOnBookingFromTheStore() throws IOException {
    Run first = run(trainJudge("--env", "shop,booking", "--report", dir.resolve("r1").toString()));
    assertEquals(0, first.code(), first.out() + first.err());
    String out = first.out();
    assertTrue(out.contains("train expert: 2 episodes (0 read back, 0 could not run)"), out);
    assertTrue(
        out.contains("booking train expert: 2 episodes (0 read back, 0 could not run)"), out);
    assertTrue(out.contains("booking heldout expert-deviating: 2 episodes (0 read back"), out);
    assertTrue(out.contains("judge j0: mlp(17->32->1) over judge-lexical/2"), out);
    allLine(out, "shop", 4);
    String booking = allLine(out, "booking", 4);
    JsonNode report = Json.MAPPER.readTree(dir.resolve("r1/report.json").toFile());
    assertEquals("booking", report.get("sites").get(0).get("site").asText());
    assertEquals("shop", report.get("sites").get(1).get("site").asText());
    assertEquals(4, report.get("sites").get(0).get("all").get("episodes").asInt());
    Path judge = home.resolve("s3/agentq/judges/j0");
    assertTrue(Files.exists(judge.resolve("heldout-shop+booking.json")));
    // The manifest names where both sites' training episodes are kept.
    String manifest = Files.readString(judge.resolve("manifest.json"));
    assertTrue(manifest.contains("judged/booking/expert/train-T20-s1"), manifest);
    assertTrue(manifest.contains("judged/shop/expert/train-T12-s1"), manifest);

    assertNoRewardInTheJudgesInputs();

    Run again =
        run(
            trainJudge(
                "--judge",
                "judge:j0",
                "--env",
                "booking",
                "--report",
                dir.resolve("r2").toString()));
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(
        again.out().contains("booking heldout expert: 2 episodes (2 read back, 0 could not run)"),
        again.out());
    assertFalse(again.out().contains("train "), "measuring a stored judge trains nothing");
    assertFalse(again.out().contains("heldout shop"), "--env booking measures booking only");
    assertTrue(again.out().contains(booking), "the same judge on the same episodes: " + booking);
    JsonNode alone = Json.MAPPER.readTree(dir.resolve("r2/report.json").toFile());
    assertEquals(1, alone.get("sites").size());
    assertEquals("booking", alone.get("sites").get(0).get("site").asText());
    // Its own report beside the first, which still holds both sites.
    assertTrue(Files.exists(judge.resolve("heldout-booking.json")));
    assertTrue(Files.readString(judge.resolve("heldout-shop+booking.json")).contains("\"shop\""));
  }

  /**
   * Every stored booking episode's judge input is free of the reward: none says "reward", and an
   * episode that ended on a done page (whose HTML carries {@code agentq:reward} with the score)
   * does not show the score either; at least one did end there, so the check is not empty.
   */
  static void assertNoRewardInTheJudgesInputs() throws IOException {
    Path stored = home.resolve("s3/agentq/judged/booking");
    List<Path> files;
    try (Stream<Path> s = Files.walk(stored)) {
      files = s.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertEquals(10, files.size(), "2 sources x (2 train + 1 dev + 2 held-out) booking episodes");
    int done = 0;
    for (Path f : files) {
      JsonNode e = Json.MAPPER.readTree(f.toFile()).get("data");
      String input = Json.MAPPER.writeValueAsString(e.get("input"));
      String page = e.get("input").get("finalPage").asText();
      assertFalse(input.toLowerCase().contains("reward"), f + ": " + input);
      if (page.contains("Your table is booked") || page.contains("Message sent to the user")) {
        done++;
        String score = Double.toString(e.get("score").asDouble());
        assertFalse(page.contains(score), f + " shows its score " + score + ": " + page);
      }
    }
    assertTrue(done > 0, "no booking episode reached a done page");
  }

  @Test
  void anUnknownEnvironmentFailsInOneLine() {
    Run r = run(trainJudge("--env", "shop,mall"));
    assertOneLineError(r, "--env: unknown environment 'mall'", "shop,booking");
  }

  @Test
  void oneSiteUrlForTwoSitesFailsInOneLine() {
    Run r = run(trainJudge("--env", "shop,booking", "--site", "http://localhost:1"));
    assertOneLineError(r, "--site names one site", "leave --site out");
  }
}
