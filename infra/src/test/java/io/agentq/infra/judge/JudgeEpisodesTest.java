package io.agentq.infra.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Environment;
import io.agentq.core.EpisodeLoop;
import io.agentq.core.InputException;
import io.agentq.core.judge.JudgeInput;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.TaskSplit;
import io.agentq.infra.TestShop;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.browser.HttpDriver;
import io.agentq.infra.browser.WebEnvironment;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labelled episodes from the shop served by this test over HTTP: the expert and the expert with
 * deviations on train tasks of the seeded sample; no judge input carries the shop's score, while
 * the shop's own page still prints it; a rerun reads every episode back.
 */
class JudgeEpisodesTest {
  static ShopServer shop;
  static HttpClient http;

  @BeforeAll
  static void start() {
    shop = TestShop.start();
    http = HttpDriver.newClient();
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  /** The test's shop as the judge's data sees it: sandbox sessions over the HTTP driver. */
  static JudgeEpisodes.Site site() {
    return new JudgeEpisodes.Site() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public List<Integer> tasks(String split, int limit) {
        return shop.data().sample(TaskSplit.parse(split)).stream()
            .limit(limit)
            .map(Goal::index)
            .toList();
      }

      @Override
      public String category(int taskId) {
        return shop.data().categoryName(shop.data().goal(taskId));
      }

      @Override
      public Environment episode(int taskId, String episodeId) {
        return environment(taskId, episodeId);
      }
    };
  }

  static WebEnvironment environment(int taskId, String episodeId) {
    return new WebEnvironment(
        new HttpDriver(http, true),
        shop.data().goal(taskId).instruction(),
        shop.sandboxStartUrl(taskId, episodeId));
  }

  static ScriptedExpert expert(int task) {
    Goal g = shop.data().goal(task);
    return new ScriptedExpert(g, shop.data().target(g));
  }

  static final JudgeEpisodes.Source EXPERT =
      new JudgeEpisodes.Source("expert", JudgeEpisodesTest::expert);
  static final JudgeEpisodes.Source DEVIATING =
      new JudgeEpisodes.Source("expert-deviating", t -> new DeviatingPolicy(expert(t), 0.3));

  /** "Your score", "max 1.0", the reward's id, or a number as the shop prints a score. */
  static final Pattern SCORE =
      Pattern.compile("(?i)your score|max 1\\.0|agentq-reward|agentq:reward");

  static String everything(JudgeInput in) {
    return in.instruction() + "\n" + String.join("\n", in.history()) + "\n" + in.finalPage();
  }

  @Test
  void noJudgeInputCarriesTheRewardAndARerunReadsEveryEpisodeBack() {
    JsonArtifacts artifacts = new JsonArtifacts(new MemoryStore());
    JudgeEpisodes data = new JudgeEpisodes(artifacts, 12, 1);
    List<LabelledEpisode> all = new ArrayList<>();
    all.addAll(data.collect(site(), EXPERT, "train", 8, JudgeEpisodes.Progress.NONE));
    all.addAll(data.collect(site(), DEVIATING, "train", 8, JudgeEpisodes.Progress.NONE));
    assertEquals(16, all.size());
    long bought = all.stream().filter(e -> e.input().finalPage().contains("Thank you")).count();
    assertTrue(bought >= 8, "episodes that reached the done page: " + bought);
    assertTrue(all.stream().anyMatch(LabelledEpisode::success));
    assertTrue(all.stream().anyMatch(e -> !e.success()), "the deviations failed some tasks");
    for (LabelledEpisode e : all) {
      assertNull(e.failure());
      assertEquals("train", e.split());
      assertEquals(TaskSplit.TRAIN, TaskSplit.of(shop.data().goal(e.taskId()).asin()));
      assertFalse(SCORE.matcher(everything(e.input())).find(), everything(e.input()));
    }
    // Nothing the store keeps for the judge names the score either (only the label beside it).
    for (var f : ((MemoryStore) artifacts.store()).files.entrySet()) {
      String json = new String(f.getValue(), java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(json.contains("Your score"), f.getKey());
    }
    // A rerun runs nothing: every episode is read back, the same.
    List<Boolean> readBack = new ArrayList<>();
    List<LabelledEpisode> again =
        data.collect(site(), EXPERT, "train", 8, (e, back) -> readBack.add(back));
    assertEquals(all.subList(0, 8).toString(), again.toString());
    assertEquals(List.of(true, true, true, true, true, true, true, true), readBack);
  }

  @Test
  void theShopStillPrintsItsScoreToThePolicy() {
    int task = site().tasks("train", 1).get(0);
    try (WebEnvironment env = environment(task, "judge-score-check")) {
      var ep =
          new EpisodeLoop(expert(task), 12)
              .run(null, "" + task, env, new SplittableRandom(1), EpisodeLoop.Pages.NONE);
      assertTrue(ep.terminated());
      assertTrue(
          env.observation().text().contains("Your score (min 0.0, max 1.0): " + ep.score()),
          env.observation().text());
      assertFalse(env.judgeText().contains("Your score"));
      assertTrue(env.judgeText().contains("Thank you for shopping with us!"));
    }
  }

  @Test
  void aSplitWithoutTasksOrNoTasksAskedFailsInOneLine() {
    JudgeEpisodes data = new JudgeEpisodes(new JsonArtifacts(new MemoryStore()), 12, 1);
    InputException zero =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () -> data.collect(site(), EXPERT, "train", 0, JudgeEpisodes.Progress.NONE));
    assertEquals("judge data: the number of train tasks must be positive", zero.getMessage());
  }
}
