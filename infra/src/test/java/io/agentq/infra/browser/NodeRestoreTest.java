package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import io.agentq.environments.shop.Goal;
import io.agentq.infra.ShopInChromium;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Any tree node can be restored in a fresh browser context, by its state URL and by replaying its
 * action prefix from the start page, and both give the observation recorded when the node was first
 * reached.
 */
class NodeRestoreTest extends ShopInChromium {
  record Node(List<Action> prefix, String stateUrl, Observation observation) {}

  @Test
  void randomNodesRestoreByStateUrlAndByReplay() {
    SplittableRandom rng = new SplittableRandom(42);
    int restored = 0;
    for (int walk = 0; walk < 4; walk++) {
      Goal g = shop.data().goal(rng.nextInt(shop.data().goals().size()));
      String session = "restore-" + walk;
      String start = shop.startUrl(g.index(), session);
      String words = shop.data().target(g).name();
      List<Node> nodes = new ArrayList<>();
      try (WebEnvironment env =
          new WebEnvironment(chromium.newDriver(), g.instruction(), start)
              .sendingKeys(session, i -> session + ":irreversible:" + i)) {
        Observation page = env.reset();
        List<Action> prefix = new ArrayList<>();
        nodes.add(new Node(List.of(), env.stateUrl(), page));
        for (int i = 0; i < 12; i++) {
          Action a = RandomWalk.next(page, words, rng);
          StepResult r = env.step(a);
          prefix.add(a);
          page = r.observation();
          nodes.add(new Node(List.copyOf(prefix), env.stateUrl(), page));
          if (r.done()) {
            break;
          }
        }
      }
      for (int k = 0; k < 3; k++) {
        Node n = nodes.get(rng.nextInt(nodes.size()));
        try (WebEnvironment fresh =
            new WebEnvironment(chromium.newDriver(), g.instruction(), start)
                .sendingKeys(session, i -> session + ":irreversible:" + i)) {
          assertEquals(n.observation(), fresh.restore(n.stateUrl()), "by state URL: " + n.prefix());
        }
        try (WebEnvironment fresh =
            new WebEnvironment(chromium.newDriver(), g.instruction(), start)
                .sendingKeys(session, i -> session + ":irreversible:" + i)) {
          Observation o = fresh.reset();
          for (Action a : n.prefix()) {
            o = fresh.step(a).observation();
          }
          assertEquals(n.observation(), o, "by replay: " + n.prefix());
        }
        restored++;
      }
    }
    assertTrue(restored >= 12);
  }
}
