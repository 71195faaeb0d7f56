package io.agentq.infra.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.InputException;
import io.agentq.core.judge.Agreement;
import io.agentq.core.judge.JudgeInput;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The built-in judge learns from labelled episodes where success is written on the final page (the
 * product bought is the one asked for, or a wrong one, or nothing was bought), chooses its
 * threshold on dev, is stored as j0 and loaded back by name with the same verdicts; the same seed
 * gives the same weights; bad input fails in one line.
 */
class JudgeTrainingTest {
  static final List<String> COLOURS = List.of("red", "blue", "green", "black", "white", "grey");
  static final List<String> THINGS =
      List.of("ceramic mug", "steel bottle", "cotton shirt", "leather wallet", "wool scarf");

  /** Episodes of three kinds: the right purchase (success), a wrong one, none. */
  static List<LabelledEpisode> episodes(String split, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LabelledEpisode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String colour = COLOURS.get(r.nextInt(COLOURS.size()));
      String thing = THINGS.get(r.nextInt(THINGS.size()));
      String instruction = "i need a " + colour + " " + thing + " under $30";
      int kind = i % 3;
      String page;
      List<String> history;
      if (kind == 2) {
        page = "Instruction: " + instruction + "\n[1] textbox \"Search\"\n[2] button \"Search\"";
        history = List.of("1. search[" + thing + "]", "2. BACK", "3. BACK");
      } else {
        String boughtColour =
            kind == 0 ? colour : COLOURS.get((COLOURS.indexOf(colour) + 1) % COLOURS.size());
        String boughtThing =
            kind == 0 ? thing : THINGS.get((THINGS.indexOf(thing) + 1 + r.nextInt(2)) % 5);
        page =
            "Instruction: "
                + instruction
                + "\nThank you for shopping with us!\nYour code: x"
                + i
                + "\nPurchased: "
                + boughtThing
                + " (B0"
                + i
                + ")\nOptions: {color="
                + boughtColour
                + "}";
        history = List.of("1. search[" + thing + "]", "2. CLICK [4]", "3. click[Buy Now]");
      }
      out.add(
          new LabelledEpisode(
              "test",
              split,
              "kind" + kind,
              i,
              "c",
              "e" + i,
              new JudgeInput(instruction, history, history.size(), page, null),
              kind == 0,
              kind == 0 ? 1 : 0.5,
              null));
    }
    return out;
  }

  static final JudgeTraining.Spec SPEC = new JudgeTraining.Spec(List.of(16), 30, 16, 1e-2, 7);

  @Test
  void learnsStoresAndLoadsBackByName() {
    JudgeStore store = new JudgeStore(new JsonArtifacts(new MemoryStore()));
    List<LabelledEpisode> train = episodes("train", 150, 1);
    List<LabelledEpisode> dev = episodes("dev", 60, 2);
    JudgeTraining.Result r =
        new JudgeTraining(store)
            .train("j0", SPEC, train, dev, List.of("k/train"), List.of("k/dev"));
    List<Double> losses = r.version().losses();
    assertEquals(30, losses.size());
    assertTrue(losses.get(29) < losses.get(0) / 2, "the loss fell: " + losses);
    assertTrue(r.dev().agreement().rate() >= 0.95, r.dev().toString());
    assertEquals(List.of(50, 50), r.version().counts().get("test/train/kind0"));
    List<LabelledEpisode> fresh = episodes("heldout", 30, 3);
    LearnedJudge loaded = store.load("judge:j0");
    assertEquals("judge:j0", loaded.name());
    assertEquals(r.version().threshold(), loaded.threshold(), 0);
    for (LabelledEpisode e : fresh) {
      assertEquals(r.judge().probability(e.input()), loaded.probability(e.input()), 1e-6);
    }
    Agreement held = Agreement.of(JudgeTraining.verdicts(loaded, fresh), loaded.threshold());
    assertTrue(held.agreement().rate() >= 0.9, held.toString());
    assertTrue(store.load("j0") == loaded, "loaded once per process");
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    List<LabelledEpisode> train = episodes("train", 60, 1);
    List<LabelledEpisode> dev = episodes("dev", 12, 2);
    MemoryStore a = new MemoryStore();
    MemoryStore b = new MemoryStore();
    new JudgeTraining(new JudgeStore(new JsonArtifacts(a)))
        .train("j0", SPEC, train, dev, List.of(), List.of());
    new JudgeTraining(new JudgeStore(new JsonArtifacts(b)))
        .train("j0", SPEC, train, dev, List.of(), List.of());
    assertArrayEquals(a.files.get("judges/j0/weights.bin"), b.files.get("judges/j0/weights.bin"));
    MemoryStore c = new MemoryStore();
    new JudgeTraining(new JudgeStore(new JsonArtifacts(c)))
        .train(
            "j0",
            new JudgeTraining.Spec(List.of(16), 30, 16, 1e-2, 8),
            train,
            dev,
            List.of(),
            List.of());
    assertTrue(
        !java.util.Arrays.equals(
            a.files.get("judges/j0/weights.bin"), c.files.get("judges/j0/weights.bin")),
        "another seed, other weights");
  }

  @Test
  void badInputFailsInOneClearLine() {
    JudgeStore store = new JudgeStore(new JsonArtifacts(new MemoryStore()));
    InputException none = assertThrows(InputException.class, () -> store.load("judge:j3"));
    assertEquals(
        "judge j3 is not in memory (no judge is stored yet: train one with `agentq train-judge`)",
        none.getMessage());
    InputException bad = assertThrows(InputException.class, () -> store.load("judge:best"));
    assertTrue(bad.getMessage().startsWith("judge version 'best' is not a version like j0"));
    JudgeTraining t = new JudgeTraining(store);
    InputException empty =
        assertThrows(
            InputException.class,
            () -> t.train("j0", SPEC, List.of(), episodes("dev", 3, 1), List.of(), List.of()));
    assertEquals("judge: no labelled training episodes (0 given, none ran)", empty.getMessage());
    List<LabelledEpisode> failures =
        episodes("train", 30, 1).stream().filter(e -> !e.success()).toList();
    InputException same =
        assertThrows(
            InputException.class,
            () -> t.train("j0", SPEC, failures, episodes("dev", 3, 1), List.of(), List.of()));
    assertTrue(same.getMessage().contains("all have the same outcome"), same.getMessage());
    assertEquals(1, same.getMessage().lines().count());
  }
}
