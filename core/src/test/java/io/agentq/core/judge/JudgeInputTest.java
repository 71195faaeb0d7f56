package io.agentq.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentq.core.Episode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condensed episode a judge reads, and what it leaves out. */
class JudgeInputTest {
  static Episode.Step step(int n, String command, String thought, boolean invalid, double reward) {
    return new Episode.Step(
        n,
        "http://x/" + n,
        null,
        List.of(),
        command,
        thought,
        null,
        -1.5,
        invalid,
        "msg " + n,
        reward,
        null);
  }

  @Test
  void linesNameTheCommandTheThoughtAndARefusalButNoRewardOrMessage() {
    Episode e =
        new Episode(
            "e1",
            "7",
            "B0SECRET",
            "find a red mug under $20",
            "p",
            true,
            0.875,
            true,
            2,
            null,
            List.of(
                step(1, "search[red mug]", "look for mugs", false, 0),
                step(2, "CLICK [3]", null, true, 0.875)));
    JudgeInput in = JudgeInput.of(e, "Thank you\nPurchased: red mug", null);
    assertEquals(
        List.of("1. search[red mug] | thought: look for mugs", "2. CLICK [3] (refused)"),
        in.history());
    assertEquals(List.of("search[red mug]", "CLICK [3]"), in.commands());
    assertEquals(1, in.refused());
    assertEquals(2, in.steps());
    String all = String.join("\n", in.history()) + in.finalPage() + in.instruction();
    assertFalse(all.contains("0.875"));
    assertFalse(all.contains("B0SECRET"));
    assertFalse(all.contains("msg"));
  }

  @Test
  void aLongHistoryKeepsTheFirstFourAndTheLastElevenSteps() {
    List<Episode.Step> steps = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      steps.add(step(i, "CLICK [" + i + "]", null, false, 0));
    }
    Episode e = new Episode("e", "1", null, "x", "p", false, 0, false, 20, null, steps);
    JudgeInput in = JudgeInput.of(e, "", null);
    assertEquals(16, in.history().size());
    assertEquals("4. CLICK [4]", in.history().get(3));
    assertEquals("... (5 steps left out)", in.history().get(4)); // 20 - 4 - 11
    assertEquals("10. CLICK [10]", in.history().get(5));
    assertEquals("20. CLICK [20]", in.history().get(15));
    assertEquals(20, in.steps());
    assertEquals(15, in.commands().size());
  }

  @Test
  void longLinesAndPagesAreCut() {
    String longCommand = "search[" + "a".repeat(300) + "]";
    Episode e =
        new Episode(
            "e",
            "1",
            null,
            "x",
            "p",
            false,
            0,
            false,
            1,
            null,
            List.of(step(1, longCommand, null, false, 0)));
    JudgeInput in = JudgeInput.of(e, "b".repeat(5000), null);
    assertEquals(JudgeInput.MAX_LINE, in.history().get(0).length());
    assertEquals(JudgeInput.MAX_PAGE, in.finalPage().length());
    assertEquals("...", in.finalPage().substring(JudgeInput.MAX_PAGE - 3));
  }

  @Test
  void anEmptyInstructionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new JudgeInput(" ", List.of(), 0, "", null));
  }
}
