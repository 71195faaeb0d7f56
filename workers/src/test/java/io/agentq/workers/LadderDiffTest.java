package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ladder-diff` tells rows that differ from rows that only took another time. */
class LadderDiffTest {
  @TempDir Path dir;

  private void row(Path home, String name, String solved, double score, double seconds)
      throws Exception {
    Path f = home.resolve("s3/agentq/ladders/L/rows/heldout-4/" + name + ".json");
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "{\"schemaVersion\":1,\"kind\":\"ladder-row\",\"data\":{\"name\":\""
            + name
            + "\",\"policy\":\"v1\",\"tasks\":[3,7,9,12],\"solved\":"
            + solved
            + ",\"meanScore\":"
            + score
            + ",\"envSteps\":40,\"trainingSeconds\":"
            + seconds
            + ",\"evalSeconds\":"
            + seconds
            + "}}");
  }

  private int diff(Path a, Path b) {
    return Main.execute("ladder-diff", "--id", "L", a.toString(), b.toString());
  }

  @Test
  void onlyWallTimesAndRoundingMayDiffer() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    row(a, "base", "[3,9]", 0.79, 12.0);
    row(b, "base", "[3,9]", 0.7900000000000001, 13.5); // another time, a sum in another order
    row(c, "base", "[3,12]", 0.79, 12.0); // another task solved
    assertEquals(0, diff(a, b));
    assertEquals(1, diff(a, c));
    row(b, "rft", "[3]", 0.5, 1.0); // a row only one run has
    assertEquals(1, diff(a, b));
    assertEquals(2, diff(a, dir.resolve("nowhere")), "not a home: bad input");
  }
}
