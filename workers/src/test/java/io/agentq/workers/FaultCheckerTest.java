package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.search.EpisodeSummary;
import io.agentq.core.search.IrreversibleAction;
import io.agentq.environments.shop.Order;
import io.agentq.environments.shop.RequestLogEntry;
import io.agentq.environments.shop.RewardBreakdown;
import io.agentq.environments.shop.ShopSite;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.tools.FaultChecker;
import io.agentq.workers.tools.FaultChecker.Result;
import io.agentq.workers.tools.FaultChecker.Verdict;
import io.agentq.workflows.search.EpisodeArtifacts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker's verdicts on records written by hand. */
class FaultCheckerTest {
  static final List<String> EPISODES = List.of("r-t1", "r-t2", "r-t3");

  static Order order(long id, String episode, double reward) {
    return new Order(
        id,
        episode + ":irreversible:1",
        episode,
        episode,
        1,
        "B0" + id,
        Map.of(),
        10.0,
        reward,
        new RewardBreakdown(1, 1, 0, 0, 0, 0, true, reward),
        "2026-01-01T00:00:00Z",
        new Order.Request("f", "B0" + id, Map.of()));
  }

  static Optional<EpisodeArtifacts> manifest(String episode, double score, boolean bought) {
    List<IrreversibleAction> irreversible =
        bought
            ? List.of(
                new IrreversibleAction(
                    1, episode + ":irreversible:1", 5, "click[buy now]", false, true, ""))
            : List.of();
    return Optional.of(
        new EpisodeArtifacts(
            new EpisodeSummary(episode, score == 1.0, score, 4, true, List.of(), 9, 3, 30, 60, "b"),
            "m",
            "t",
            "j",
            "p",
            0,
            irreversible,
            -1));
  }

  static RequestLogEntry request(long id, String episode, RequestLogEntry.Outcome outcome) {
    return new RequestLogEntry(
        id, episode + ":irreversible:1", episode, episode, "f", outcome, "2026-01-01T00:00:00Z");
  }

  static Map<String, Optional<EpisodeArtifacts>> allBought() {
    Map<String, Optional<EpisodeArtifacts>> m = new LinkedHashMap<>();
    m.put("r-t1", manifest("r-t1", 1.0, true));
    m.put("r-t2", manifest("r-t2", 0.5, true));
    m.put("r-t3", manifest("r-t3", 0.0, false)); // ran out of steps: no purchase
    return m;
  }

  @Test
  void oneOrderPerRecordedPurchaseIsAPass() {
    Result r =
        FaultChecker.judge(
            EPISODES,
            List.of(order(1, "r-t1", 1.0), order(2, "r-t2", 0.5)),
            List.of(
                request(1, "r-t1", RequestLogEntry.Outcome.CREATED),
                request(2, "r-t1", RequestLogEntry.Outcome.REPLAYED),
                request(3, "r-t2", RequestLogEntry.Outcome.CREATED)),
            allBought());
    assertEquals(Verdict.PASS, r.verdict(), r.reasons().toString());
    assertEquals(3, r.finished());
    assertEquals(1, r.successes());
    assertEquals(2, r.orders());
    assertEquals(2, r.requests().get(RequestLogEntry.Outcome.CREATED));
    assertEquals(1, r.requests().get(RequestLogEntry.Outcome.REPLAYED));
  }

  @Test
  void aSecondOrderOfAnEpisodeFailsEvenUnderAnotherKey() {
    Order again = order(3, "r-t1", 1.0);
    Order otherKey =
        new Order(
            4,
            "r-t1:irreversible:2",
            "r-t1",
            "r-t1",
            1,
            "B04",
            Map.of(),
            1,
            1.0,
            again.rewardBreakdown(),
            again.createdAt(),
            again.request());
    Result r =
        FaultChecker.judge(
            EPISODES,
            List.of(order(1, "r-t1", 1.0), order(2, "r-t2", 0.5), again, otherKey),
            List.of(),
            allBought());
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(1, r.duplicateKeys());
    assertEquals(2, r.duplicateEpisodes());
    assertEquals(1, r.unrecorded(), "the order under key 2 is recorded by nobody");
  }

  @Test
  void anOrderNobodyRecordedAndARecordedOrderTheSiteLacksBothFail() {
    Map<String, Optional<EpisodeArtifacts>> m = allBought();
    m.put("r-t3", manifest("r-t3", 0.0, false));
    Result r =
        FaultChecker.judge(
            EPISODES, List.of(order(1, "r-t1", 1.0), order(3, "r-t3", 0.0)), List.of(), m);
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(1, r.unrecorded(), "r-t3's order is not in its manifest");
    assertEquals(1, r.missing(), "r-t2 records a purchase the site lacks");
    assertTrue(r.reasons().stream().anyMatch(s -> s.contains("r-t2:irreversible:1")));
  }

  @Test
  void anUnfinishedEpisodeOrAnotherScoreThanTheOrdersRewardFails() {
    Map<String, Optional<EpisodeArtifacts>> m = allBought();
    m.put("r-t3", Optional.empty());
    Result r =
        FaultChecker.judge(
            EPISODES, List.of(order(1, "r-t1", 1.0), order(2, "r-t2", 0.75)), List.of(), m);
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(2, r.finished());
    assertTrue(r.reasons().stream().anyMatch(s -> s.contains("r-t3 did not finish")));
    assertTrue(r.reasons().stream().anyMatch(s -> s.contains("order's reward is 0.75")));
    Result cut = FaultChecker.judge(EPISODES, List.of(order(1, "r-t1", 1.0)), List.of(), m, false);
    assertEquals(Verdict.FAIL, cut.verdict(), "r-t2's purchase is still missing at the site");
    assertTrue(cut.reasons().stream().noneMatch(s -> s.contains("did not finish")));
  }

  @Test
  void aFinalReadThatFailsIsUnknownNeverAPass() {
    Result r =
        FaultChecker.read(
            new ShopSite("http://127.0.0.1:" + AgentqStack.freePort(), Duration.ofSeconds(2)),
            null,
            EPISODES,
            true);
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.reasons().get(0).startsWith("the final read failed"), r.reasons().toString());
    assertEquals(Verdict.FAIL, r.with(Verdict.FAIL, List.of("x")).verdict());
    assertEquals(Verdict.UNKNOWN, r.with(Verdict.PASS, List.of("y")).verdict());
  }
}
