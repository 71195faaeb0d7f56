package io.agentq.infra.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.environments.shop.decision.OptionVocabulary;
import io.agentq.infra.policy.MiniLmEncoder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnedPolicyTest {
  static PolicyFeatures features;
  static PolicyNetwork net;

  @BeforeAll
  static void network() {
    features = ShopPolicyFeatures.decision(MiniLmEncoder.shared(), OptionVocabulary.none());
    net = PolicyNetwork.initialised(PolicyNetwork.Architecture.of(features, List.of(16)), 3);
  }

  @AfterAll
  static void close() {
    net.close();
  }

  static AgentState itemPage() {
    Observation page =
        new Observation(
            "http://shop/item/B01",
            "Item B01",
            "Blue cotton t-shirt\n[1] link \"< Prev\"\n[2] radio \"blue\"\n[3] radio \"red\"\n"
                + "[4] radio \"large\"\n[5] button \"Buy Now\"",
            List.of(
                new PageElement(1, "link", "< Prev", false),
                new PageElement(2, "radio", "blue", false),
                new PageElement(3, "radio", "red", false),
                new PageElement(4, "radio", "large", false),
                new PageElement(5, "button", "Buy Now", false)));
    return new AgentState(
        new Instruction("i want a blue cotton t-shirt in large, price lower than 30 dollars"),
        List.of(new Action.Type(1, "blue cotton t-shirt"), new Action.Click(4)),
        page);
  }

  @Test
  void everyProposalCarriesTheLikelihoodThePolicyGivesItsCommand() {
    LearnedPolicy p = new LearnedPolicy("test", net, features, 1.0);
    AgentState s = itemPage();
    List<CompositeAction> proposals = p.propose(s, 4, new SplittableRandom(5));
    assertEquals(4, proposals.size());
    for (CompositeAction c : proposals) {
      assertEquals(p.logLikelihood(s, c.command()), c.logLikelihood(), 0.0, c.command().toString());
    }
    // The likelihood is at temperature 1 whatever the sampling temperature.
    LearnedPolicy cold = p.withTemperature(0.2);
    for (CompositeAction c : cold.propose(s, 3, new SplittableRandom(5))) {
      assertEquals(p.logLikelihood(s, c.command()), c.logLikelihood(), 0.0);
    }
  }

  @Test
  void theCandidatesProbabilitiesSumToOne() {
    LearnedPolicy.Scored scored = new LearnedPolicy("test", net, features, 1.0).score(itemPage());
    double total = 0;
    for (double lp : scored.logProbabilities()) {
      total += Math.exp(lp);
    }
    assertEquals(1.0, total, 1e-9);
    // < Prev, blue, red, large, Buy Now, back, scroll down
    assertEquals(7, scored.candidates().size());
  }

  @Test
  void temperatureZeroTakesTheBestScoredActions() {
    LearnedPolicy p = new LearnedPolicy("test", net, features, 0);
    LearnedPolicy.Scored scored = p.score(itemPage());
    int best = 0;
    for (int i = 1; i < scored.scores().length; i++) {
      if (scored.scores()[i] > scored.scores()[best]) {
        best = i;
      }
    }
    for (long seed = 0; seed < 5; seed++) {
      assertEquals(
          scored.candidates().get(best).action(),
          p.propose(itemPage(), 1, new SplittableRandom(seed)).get(0).command());
    }
  }

  @Test
  void anActionOutsideTheCandidatesHasNoLikelihoodAndNoDecision() {
    LearnedPolicy p = new LearnedPolicy("test", net, features, 1.0);
    assertEquals(Double.NEGATIVE_INFINITY, p.logLikelihood(itemPage(), new Action.Click(99)));
    assertTrue(p.decision(itemPage(), new Action.Click(99)).isEmpty());
    // click[label] is the element it names
    assertEquals(
        p.logLikelihood(itemPage(), new Action.Click(5)),
        p.logLikelihood(itemPage(), new Action.ClickLabel("Buy Now")),
        0.0);
    assertEquals(4, p.decision(itemPage(), new Action.Click(5)).get().chosen());
  }
}
