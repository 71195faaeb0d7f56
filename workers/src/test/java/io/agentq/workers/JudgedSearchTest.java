package io.agentq.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.core.Critic;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.judge.Judge;
import io.agentq.core.judge.JudgeInput;
import io.agentq.core.search.SearchConfig;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.environments.shop.CatalogGenerator;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.OpenNlpNounExtractor;
import io.agentq.environments.shop.ScriptedExpert;
import io.agentq.environments.shop.ShopData;
import io.agentq.environments.shop.ShopServer;
import io.agentq.environments.shop.ShopSite;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.S3ArtifactStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.workflows.search.EpisodeArtifacts;
import io.agentq.workflows.search.EpisodeRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --value judge:jN}: the search backs up a judge's verdicts on terminal sandbox pages, never
 * the site's reward, and the judge sees the instruction, the commands and the page without the
 * site's printed score; the committed purchase's outcome is still the live site's.
 */
class JudgedSearchTest {
  @TempDir static Path dir;
  static ShopData data;
  static EmbeddedS3 s3;
  static JsonArtifacts artifacts;
  static DriverFactory drivers;

  /** One action per node, one iteration per step: the search follows its policy exactly. */
  static final SearchConfig SCRIPTED =
      new SearchConfig(1, 1, 10, 1.0, 0.5, 0.1, 1, SearchConfig.RolloutValue.SUCCESS, 1);

  @BeforeAll
  static void start() {
    new CatalogGenerator(51, 5, 2).write(dir.resolve("shop"));
    data = ShopData.load(dir.resolve("shop/catalog.json"), dir.resolve("shop/goals.jsonl"));
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    artifacts =
        new JsonArtifacts(
            S3ArtifactStore.connect(
                s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "test"));
    drivers = new DriverFactory("http");
  }

  @AfterAll
  static void stop() {
    drivers.close();
    s3.close();
  }

  /** A judge that says failure to everything and keeps what it was shown. */
  record Doubting(List<JudgeInput> seen) implements Judge {
    @Override
    public double probability(JudgeInput input) {
      seen.add(input);
      return 0.2;
    }

    @Override
    public String name() {
      return "judge:doubt";
    }
  }

  /** The expert as the policy, and one judge by name. */
  record Agents(Policy policy, Judge judge) implements AgentCatalog {
    @Override
    public Policy policy(String name) {
      return policy;
    }

    @Override
    public Critic critic(String name) {
      throw new InputException("no critic here");
    }

    @Override
    public Judge judge(String name) {
      if (!name.equals(judge.name())) {
        throw new InputException("judge '" + name + "' is not served by this worker");
      }
      return judge;
    }
  }

  @Test
  void theSearchBacksUpTheJudgesVerdictAndTheOutcomeStaysTheLiveSites() {
    Goal goal = data.goal(1);
    Policy expert = new ScriptedExpert(goal, data.target(goal));
    List<JudgeInput> seen = new CopyOnWriteArrayList<>();
    Judge doubting = new Doubting(seen);
    String id = "judged";
    try (ShopServer shop =
            ShopServer.start(
                data, new OpenNlpNounExtractor(), 0, ShopServer.Options.at(dir.resolve("j.db")));
        SearchRig rig =
            new SearchRig(
                artifacts,
                new ShopSite(shop.baseUrl()),
                drivers,
                expert,
                new Agents(expert, doubting),
                UnaryOperator.identity())) {
      EpisodeArtifacts a =
          rig.run(
              EpisodeRequest.of(id, goal.index(), SCRIPTED)
                  .with(new EpisodeRequest.Agents("zero-shot", "base-ranking", doubting.name())));
      // The purchase happened on the live site and scores there as the expert's always does.
      assertEquals(1.0, a.summary().score(), 1e-12, a.summary().toString());
      // The search backed up the judge's verdicts: every simulation ended on the done page, which
      // the site scores 1.0 for the expert, and the judge called a failure; so no edge holds value.
      TreeSnapshot tree = artifacts.get(a.treeKey(), TreeSnapshot.class).orElseThrow();
      assertTrue(tree.nodes().stream().anyMatch(n -> n.edgeVisits() > 0));
      for (TreeSnapshot.Node n : tree.nodes()) {
        assertEquals(0.0, n.edgeValue(), 1e-12, "node " + n.id() + ": " + n.state());
      }
      // The committed purchase's node holds the live site's outcome.
      TreeSnapshot.Node done =
          tree.nodes().stream()
              .filter(n -> n.state() != null && n.state().terminal())
              .findFirst()
              .orElseThrow();
      assertEquals(1.0, done.state().reward(), 1e-12, done.state().toString());
      // What the judge saw: the instruction, the commands, the done page without the score.
      assertTrue(!seen.isEmpty());
      JudgeInput last = seen.get(seen.size() - 1);
      assertEquals(goal.instructionText(), last.instruction());
      assertTrue(
          last.history().get(last.history().size() - 1).toLowerCase().contains("buy now"),
          last.history().toString());
      assertEquals(last.steps(), last.history().size(), "every command, numbered from 1");
      assertTrue(last.history().get(0).startsWith("1. "), last.history().toString());
      assertTrue(!last.finalPage().contains("Your score"), last.finalPage());
    }
  }
}
