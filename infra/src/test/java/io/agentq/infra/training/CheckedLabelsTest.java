package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.GoalCheck;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.decision.CheckedLabels;
import io.agentq.environments.shop.decision.NamedOptions;
import io.agentq.environments.shop.decision.ShopInstruction;
import io.agentq.environments.shop.decision.ShopPage;
import io.agentq.infra.TestShop;
import io.agentq.infra.browser.HttpDriver;
import io.agentq.infra.browser.WebEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sandbox-check labels on the real shop over HTTP: an episode that opens a product that does not
 * fulfil its instruction, goes back and opens one that does gets "< Prev" on the first item, the
 * named options then Buy Now on the second, and the fulfilling result on the results page; every
 * product is checked once, its clicks and purchase counted, and no order is ever stored.
 */
class CheckedLabelsTest {
  static ShopServer shop;

  @BeforeAll
  static void start() {
    shop = TestShop.start();
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @Test
  void theWrongItemIsLeftTheRightOneBoughtAndEachProductCheckedOnce() {
    ShopData data = shop.data();
    GoalCheck expert = null;
    Goal goal = null;
    // a task whose target's title search lists a product that does not fulfil it before one that
    // does (the reward decides, through the goal's hidden fields: only the test reads them)
    for (Goal g : data.goals()) {
      if (!g.options().isEmpty()) {
        goal = g;
        expert = new GoalCheck(g, data, shop.reward());
        break;
      }
    }
    try (WebEnvironment env =
        new WebEnvironment(
            new HttpDriver(), goal.instruction(), shop.sandboxStartUrl(goal.index(), "chk"))) {
      List<AgentState> states = new ArrayList<>();
      List<Action> done = new ArrayList<>();
      Observation page = env.reset();
      states.add(new AgentState(goal.instruction(), done, page));
      page = step(env, done, new Action.Search(data.target(goal).name()));
      ShopPage results = ShopPage.read(page);
      ShopPage.Result wrong = null;
      ShopPage.Result right = null;
      for (ShopPage.Result r : results.results()) {
        if (expert.accepts(r.asin())) {
          right = right == null ? r : right;
        } else {
          wrong = wrong == null ? r : wrong;
        }
      }
      assertTrue(wrong != null && right != null, "the results hold both kinds: " + results);
      AgentState onResults = new AgentState(goal.instruction(), done, page);
      states.add(onResults);
      page = step(env, done, new Action.Click(wrong.elementId()));
      AgentState onWrong = new AgentState(goal.instruction(), done, page);
      states.add(onWrong);
      page = step(env, done, new Action.ClickLabel("< Prev"));
      states.add(new AgentState(goal.instruction(), done, page));
      page = step(env, done, new Action.Click(right.elementId()));
      AgentState onRight = new AgentState(goal.instruction(), done, page);
      states.add(onRight);
      ShopPage.Result first = wrong;
      ShopPage.Result second = right;
      // the policy's favourites on a results page: the wrong product first, then the right one
      CheckedLabels.Result labels =
          CheckedLabels.label(
              env,
              states,
              s ->
                  List.of(
                      new Action.Click(first.elementId()), new Action.Click(second.elementId())),
              2);
      assertEquals(2, labels.checks(), "two products, each checked once");
      assertEquals(1, labels.fulfilling());
      // each check: open the result (1), click the instruction's options, buy (1)
      ShopInstruction ins = ShopInstruction.of(goal.instructionText());
      int wrongClicks = NamedOptions.of(ShopPage.read(onWrong.page()).item(), ins).size();
      int rightClicks = NamedOptions.of(ShopPage.read(onRight.page()).item(), ins).size();
      assertTrue(rightClicks >= 1, "the goal names an option the target offers");
      assertEquals(2 + wrongClicks + 2 + rightClicks, labels.interactions());
      List<String> byStep = new ArrayList<>();
      for (CheckedLabels.Label l : labels.labels()) {
        byStep.add(l.step() + ":" + l.action());
      }
      int firstNamed =
          NamedOptions.toClick(ShopPage.read(onRight.page()).item(), ins).get(0).elementId();
      int prev = onWrong.page().elementLabelled("< Prev").orElseThrow().id();
      assertEquals(
          List.of(
              "1:CLICK [" + right.elementId() + "]",
              "2:CLICK [" + prev + "]",
              "3:CLICK [" + right.elementId() + "]",
              "4:CLICK [" + firstNamed + "]"),
          byStep,
          "results: the first fulfilling favourite; wrong item: back; right item: its option");
      // checks that stop before the page's end leave the page unlabelled: a fulfilling product
      // may be further down
      CheckedLabels.Result partly =
          CheckedLabels.label(
              env, List.of(onResults), s -> List.of(new Action.Click(first.elementId())), 1);
      assertEquals(List.of(), partly.labels());
      // a page checked whole with nothing that fulfils it: the shallow expert moves on (the next
      // page of results, or back to the search on the last page)
      String type = data.target(goal).query();
      Goal other =
          data.goals().stream()
              .filter(g -> !data.target(g).query().equals(type))
              .findFirst()
              .orElseThrow();
      env.restore(shop.sandboxStartUrl(goal.index(), "chk"));
      Observation elsewhere = env.step(new Action.Search(data.target(other).name())).observation();
      AgentState unrelated = new AgentState(goal.instruction(), List.of(), elsewhere);
      List<Action> all =
          ShopPage.read(elsewhere).results().stream()
              .map(r -> (Action) new Action.Click(r.elementId()))
              .toList();
      for (Action a : all) {
        String asin = ShopPage.read(elsewhere).result(((Action.Click) a).elementId()).get().asin();
        assertFalse(expert.accepts(asin), "another product type fulfils nothing here");
      }
      CheckedLabels.Result whole = CheckedLabels.label(env, List.of(unrelated), s -> all, 10);
      assertEquals(all.size(), whole.checks());
      int moveOn =
          elsewhere
              .elementLabelled("Next >")
              .or(() -> elsewhere.elementLabelled("Back to Search"))
              .orElseThrow()
              .id();
      assertEquals(
          List.of("0:CLICK [" + moveOn + "]"),
          whole.labels().stream().map(l -> l.step() + ":" + l.action()).toList());
      assertFalse(shop.purchase("chk").isPresent(), "sandbox purchases store no order");
    }
  }

  private static Observation step(WebEnvironment env, List<Action> done, Action a) {
    StepResult r = env.step(a);
    assertFalse(r.invalid(), r.message());
    done.add(a);
    return r.observation();
  }
}
