package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.workers.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's durability: a process killed in the middle of a searched episode leaves
 * its checkpoint in the embedded S3 store on disk; the same command with the same run id, in a new
 * process with a new Temporal service and a new shop, resumes from that checkpoint and finishes.
 */
class ResumeAfterKillTest {
  @TempDir Path home;

  @Test
  void killedEpisodeResumesFromItsCheckpoint() throws Exception {
    new CatalogGenerator(41, 5, 2).write(home.resolve("shop"));
    List<String> args =
        List.of(
            "episode",
            "--task",
            "2",
            "--search",
            "mcts",
            "--driver",
            "http",
            "--run-id",
            "killme",
            "--iterations",
            "12",
            "--catalog",
            home.resolve("shop/catalog.json").toString(),
            "--goals",
            home.resolve("shop/goals.jsonl").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dagentq.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(args);
    Process first =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("first.log").toFile())
            .start();
    Path checkpoint = home.resolve("s3/agentq/episodes/killme-t2/checkpoint.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(checkpoint) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        Files.exists(checkpoint),
        "no checkpoint before the kill: " + Files.readString(home.resolve("first.log")));
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(
        Files.notExists(home.resolve("s3/agentq/episodes/killme-t2/manifest.json")),
        "killed before it finished");

    System.setProperty("agentq.home", home.toString());
    try {
      List<String> again = new ArrayList<>(args);
      again.add("--json");
      CommandLineTest.Run r = CommandLineTest.run(again.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      JsonNode episode = Json.MAPPER.readTree(r.out());
      assertTrue(episode.get("steps").size() >= 1, r.out());
      JsonNode manifest =
          Json.MAPPER.readTree(home.resolve("s3/agentq/episodes/killme-t2/manifest.json").toFile());
      int resumedFrom = manifest.at("/data/resumedFromIteration").asInt();
      assertTrue(resumedFrom >= 12, "resumed from the checkpoint, at iteration " + resumedFrom);
      assertTrue(manifest.at("/data/summary/iterations").asInt() > resumedFrom);
    } finally {
      System.clearProperty("agentq.home");
    }
  }
}
