package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.workers.runtime.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress as a log sees it (plain lines) and as a terminal does (the library's bar). */
class ProgressTest {
  @Test
  void outsideATerminalPrintsALineAtEveryTenthAndNoCarriageReturn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p =
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20, "eval ", false);
    for (int i = 0; i < 20; i++) {
      p.done(i % 4 != 0);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(out.contains("\r"), out);
    String[] lines = out.strip().split("\n");
    assertEquals(10, lines.length, out);
    assertEquals("eval: 2/20 done, 1 successes", lines[0]);
    assertEquals("eval: 20/20 done, 15 successes", lines[9]);
  }

  @Test
  void onATerminalTheBarShowsTheTaskAndSuccesses() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p =
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3, "mcts", true);
    p.done(true);
    p.done(false);
    p.done(true);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("mcts") && out.contains("3/3") && out.contains("success 2"), out);
  }
}
