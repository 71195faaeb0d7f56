package io.agentq.activities.search;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.InputException;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.Policy;
import io.agentq.core.StepResult;
import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.agentq.environments.shop.Goal;
import io.agentq.environments.shop.ShopServer;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.WebEnvironment;
import io.agentq.workflows.search.EnvironmentActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop side of a search episode. Search runs in the episode's sandbox session ({@code
 * sbx-{episode}}), where Buy Now is simulated; the committed path's irreversible step runs once in
 * its live session ({@code live-{episode}}), whose purchase is the ledger read before any retry.
 * Every page is restored from its state URL in a fresh browser context.
 */
public final class ShopEnvironmentActivities implements EnvironmentActivities {
  private final ShopServer shop;
  private final DriverFactory drivers;
  private final ObservationStore observations;
  private final Policy rolloutPolicy;
  private final HttpClient ledger = HttpClient.newHttpClient();
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  public ShopEnvironmentActivities(
      ShopServer shop, DriverFactory drivers, ObservationStore observations, Policy rolloutPolicy) {
    this.shop = shop;
    this.drivers = drivers;
    this.observations = observations;
    this.rolloutPolicy = rolloutPolicy;
  }

  static String sandbox(String episodeId) {
    return "sbx-" + episodeId;
  }

  static String live(String episodeId) {
    return "live-" + episodeId;
  }

  private Goal goal(int taskId) {
    try {
      return shop.data().goal(taskId);
    } catch (InputException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    }
  }

  /** An environment on the page of a state URL (relative to the shop, as nodes store it). */
  private WebEnvironment environment(String episodeId, int taskId, String stateUrl) {
    ensureSessions(episodeId, taskId);
    return new WebEnvironment(drivers.newDriver(), goal(taskId).instruction(), absolute(stateUrl));
  }

  /**
   * Opens the episode's sandbox and live sessions on this shop if this process has not yet: a run
   * resumed from a checkpoint, perhaps in a new process with a new shop, finds them there.
   */
  private void ensureSessions(String episodeId, int taskId) {
    if (!opened.add(episodeId)) {
      return;
    }
    for (String url :
        List.of(
            shop.startUrl(taskId, live(episodeId)),
            shop.sandboxStartUrl(taskId, sandbox(episodeId)))) {
      try {
        int status =
            ledger
                .send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 303) {
          throw new IllegalStateException(
              "the shop did not open a session at " + url + " (HTTP " + status + ")");
        }
      } catch (IOException e) {
        opened.remove(episodeId);
        throw new IllegalStateException(
            "cannot reach the shop at " + url + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Nodes keep URLs relative to the shop, so a checkpoint outlives the shop's port. */
  private String absolute(String stateUrl) {
    return stateUrl.startsWith("/") ? shop.baseUrl() + stateUrl : stateUrl;
  }

  private String relative(String url) {
    return url.startsWith(shop.baseUrl()) ? url.substring(shop.baseUrl().length()) : url;
  }

  @Override
  public SearchSteps.Start open(String episodeId, int taskId) {
    Goal g = goal(taskId);
    try (WebEnvironment env =
        environment(
            episodeId, taskId, relative(shop.sandboxStartUrl(taskId, sandbox(episodeId))))) {
      Observation o = env.reset();
      return new SearchSteps.Start(
          g.instructionText(), state(episodeId, o, false, 0, false, false, "start"));
    }
  }

  @Override
  public NodeState execute(Execute r) {
    try (WebEnvironment env = environment(r.episodeId(), r.taskId(), r.from().stateUrl())) {
      env.restore(absolute(r.from().stateUrl()));
      return step(r.episodeId(), env, r.command());
    }
  }

  @Override
  public SearchSteps.Rollout rollout(Rollout r) {
    try (WebEnvironment env = environment(r.episodeId(), r.taskId(), r.from().stateUrl())) {
      Observation page = env.restore(absolute(r.from().stateUrl()));
      List<Action> history = parse(r.history());
      SplittableRandom random = new SplittableRandom(r.seed());
      Instruction instruction = new Instruction(r.instruction());
      for (int step = 1; step <= r.stepsLeft(); step++) {
        List<CompositeAction> next =
            rolloutPolicy.propose(new AgentState(instruction, history, page), 1, random);
        if (next.isEmpty()) {
          return new SearchSteps.Rollout(0, false, step - 1);
        }
        StepResult s = env.step(next.get(0).command());
        history.add(next.get(0).command());
        page = s.observation();
        if (s.done()) {
          return new SearchSteps.Rollout(s.reward(), true, step);
        }
      }
      return new SearchSteps.Rollout(0, false, r.stepsLeft());
    }
  }

  @Override
  public NodeState commit(Commit r) {
    NodeState already = verify(r.episodeId(), r.taskId());
    if (already != null) {
      return already;
    }
    String liveUrl =
        r.from()
            .stateUrl()
            .replace("/s/" + sandbox(r.episodeId()) + "/", "/s/" + live(r.episodeId()) + "/");
    try (WebEnvironment env = environment(r.episodeId(), r.taskId(), liveUrl)) {
      env.restore(absolute(liveUrl));
      return step(r.episodeId(), env, r.command());
    }
  }

  @Override
  public NodeState verify(String episodeId, int taskId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/purchase/" + live(episodeId)))
            .GET()
            .build();
    try {
      HttpResponse<String> answer = ledger.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 404) {
        return null;
      }
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("the shop's ledger answered " + answer.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shop's ledger: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String done = "/s/" + live(episodeId) + "/done";
    try (WebEnvironment env = environment(episodeId, taskId, done)) {
      Observation o = env.restore(absolute(done));
      return state(episodeId, o, true, readReward(o), false, true, "read from the ledger");
    }
  }

  private static double readReward(Observation done) {
    for (String line : done.text().split("\n")) {
      if (line.startsWith("Your score (min 0.0, max 1.0):")) {
        return Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    throw new IllegalStateException("the done page shows no score: " + done.url());
  }

  private NodeState step(String episodeId, WebEnvironment env, String command) {
    Action action;
    try {
      action = ActionParser.parse(command);
    } catch (IllegalArgumentException e) {
      Observation same = env.observation();
      return state(episodeId, same, false, 0, true, false, "invalid action: " + e.getMessage());
    }
    boolean irreversible = env.irreversible(action);
    StepResult s = env.step(action);
    return state(
        episodeId, s.observation(), s.done(), s.reward(), s.invalid(), irreversible, s.message());
  }

  private NodeState state(
      String episodeId,
      Observation o,
      boolean terminal,
      double reward,
      boolean invalid,
      boolean irreversible,
      String message) {
    String key = observations.put(episodeId, o);
    return new NodeState(
        relative(o.url()), key, o.title(), terminal, reward, invalid, irreversible, message);
  }

  static List<Action> parse(List<String> commands) {
    List<Action> out = new ArrayList<>();
    for (String c : commands) {
      try {
        out.add(ActionParser.parse(c));
      } catch (IllegalArgumentException e) {
        // an unparseable command stays out of the history it never changed
      }
    }
    return out;
  }
}
