package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentq train-judge end to end on a tiny generated shop, in-process: labelled episodes of the
 * expert and the deviating expert on train, dev and held-out samples, a judge stored as j0, its
 * held-out numbers printed with their counts and written as JSON and a plot; a rerun reads every
 * episode back and measures the stored judge by name; an unknown judge fails in one line.
 */
class TrainJudgeTest {
  @TempDir static Path dir;
  static Path home;
  static String catalog;
  static String goals;

  @BeforeAll
  static void shop() {
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
                "12",
                "--dev-tasks",
                "6",
                "--heldout-tasks",
                "6",
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

  @Test
  void collectsTrainsStoresMeasuresAndRerunsFromTheStore() throws IOException {
    Run first = run(trainJudge("--report", dir.resolve("r1").toString()));
    assertEquals(0, first.code(), first.out() + first.err());
    String out = first.out();
    assertTrue(out.contains("train expert: 12 episodes (0 read back, 0 could not run)"), out);
    assertTrue(out.contains("heldout expert-deviating: 6 episodes (0 read back"), out);
    assertTrue(out.contains("judge j0: mlp(17->32->1) over judge-lexical/2, 10 epochs"), out);
    // The held-out line of all episodes: 12 of them, its counts adding up.
    Matcher m =
        Pattern.compile(
                "heldout shop all\\s+12 episodes \\((\\d+) successes\\): agreement .*"
                    + " tp (\\d+) fp (\\d+) tn (\\d+) fn (\\d+)")
            .matcher(out);
    assertTrue(m.find(), out);
    int successes = Integer.parseInt(m.group(1));
    int tp = Integer.parseInt(m.group(2));
    int fn = Integer.parseInt(m.group(5));
    assertEquals(successes, tp + fn);
    assertEquals(
        12,
        tp + Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4)) + fn,
        "tp + fp + tn + fn");
    JsonNode report = Json.MAPPER.readTree(dir.resolve("r1/report.json").toFile());
    assertEquals("judge:j0", report.get("judge").asText());
    assertEquals(12, report.get("sites").get(0).get("all").get("episodes").asInt());
    assertEquals(2, report.get("sites").get(0).get("sources").size());
    byte[] png = Files.readAllBytes(dir.resolve("r1/reliability.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(Files.exists(home.resolve("s3/agentq/judges/j0/manifest.json")));
    assertTrue(Files.exists(home.resolve("s3/agentq/judges/j0/heldout.json")));

    Run again = run(trainJudge("--judge", "judge:j0", "--report", dir.resolve("r2").toString()));
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(
        again.out().contains("heldout expert: 6 episodes (6 read back, 0 could not run)"),
        again.out());
    assertTrue(!again.out().contains("train expert"), "measuring a stored judge trains nothing");
    String line = out.lines().filter(l -> l.startsWith("heldout shop all")).findFirst().get();
    assertTrue(again.out().contains(line), "the same judge on the same episodes: " + line);
  }

  @Test
  void anUnknownJudgeFailsInOneLine() {
    Run r = run(trainJudge("--judge", "judge:j9"));
    assertOneLineError(r, "judge j9 is not in");
  }

  @Test
  void anUnknownSourceFailsInOneLine() {
    Run r = run(trainJudge("--sources", "oracle"));
    assertOneLineError(r, "--sources: unknown source 'oracle'");
  }

  @Test
  void aSourcePolicyNotInTheStoreFailsInOneLine() {
    Run r = run(trainJudge("--sources", "expert,policy:v9"));
    assertOneLineError(r, "--sources policy:v9: no policy v9 in the store");
  }
}
