package io.agentq.activities.search;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.Policy;
import io.agentq.core.StepResult;
import io.agentq.core.judge.Judge;
import io.agentq.core.judge.JudgeInput;
import io.agentq.core.search.NodeState;
import io.agentq.core.search.SearchSteps;
import io.agentq.environments.ledger.KeyLookup;
import io.agentq.environments.site.Site;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.infra.browser.DriverFactory;
import io.agentq.infra.browser.PageDriver;
import io.agentq.infra.browser.WebEnvironment;
import io.agentq.workflows.search.EnvironmentActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The site side of a search episode on one built-in site, a thin adapter over the site's client
 * ({@link Site}) and a page driver. Search runs in the episode's sandbox session ({@code
 * sbx-{episode}}), where an irreversible action (Buy Now, Complete reservation) is scored and never
 * recorded; the committed path's irreversible step goes to its live session ({@code
 * live-{episode}}) under the idempotency key the workflow made, and its outcome is read back from
 * the site's records by that key. Every page is restored from its state URL. With {@code screens}
 * (a Chromium driver), each node's page is kept as a full-page PNG beside its observation; a failed
 * episode's committed path is walked once more with a Playwright trace on ({@link #trace}).
 */
public final class SiteEnvironmentActivities implements EnvironmentActivities {
  /** The failure type of a lookup that found the key still being processed: retried. */
  public static final String IN_PROGRESS = "KeyInProgress";

  private final Site site;
  private final DriverFactory drivers;
  private final ObservationStore observations;
  private final AgentCatalog agents;
  private final Set<String> opened = ConcurrentHashMap.newKeySet();
  private final Map<Integer, String> instructions = new ConcurrentHashMap<>();

  public SiteEnvironmentActivities(
      Site site, DriverFactory drivers, ObservationStore observations, AgentCatalog agents) {
    this.site = site;
    this.drivers = drivers;
    this.observations = observations;
    this.agents = AgentCatalog.inActivities(agents);
  }

  static String sandbox(String episodeId) {
    return "sbx-" + episodeId;
  }

  static String live(String episodeId) {
    return "live-" + episodeId;
  }

  private String instruction(int taskId) {
    return instructions.computeIfAbsent(taskId, site::instruction);
  }

  /** The site this adapter serves. */
  public Site site() {
    return site;
  }

  /**
   * Opens the episode's sandbox and live sessions if this process has not yet; the site keeps them
   * in its database, so a run resumed in another process or after a restart of the site finds them.
   */
  private void ensureSessions(String episodeId, int taskId) {
    if (opened.contains(episodeId)) {
      return;
    }
    site.openSession(taskId, live(episodeId), false);
    site.openSession(taskId, sandbox(episodeId), true);
    opened.add(episodeId);
  }

  /** A sandbox environment (its form posts may be repeated after a dropped connection). */
  private WebEnvironment sandboxEnvironment(String episodeId, int taskId) {
    return sandboxEnvironment(episodeId, taskId, drivers.newSandboxDriver());
  }

  private WebEnvironment sandboxEnvironment(String episodeId, int taskId, PageDriver driver) {
    ensureSessions(episodeId, taskId);
    return new WebEnvironment(
        driver,
        new Instruction(instruction(taskId)),
        site.baseUrl() + "/s/" + sandbox(episodeId) + "/");
  }

  /** Nodes keep URLs relative to the site, so a checkpoint outlives the site's port. */
  private String absolute(String stateUrl) {
    return stateUrl.startsWith("/") ? site.baseUrl() + stateUrl : stateUrl;
  }

  private String relative(String url) {
    return url.startsWith(site.baseUrl()) ? url.substring(site.baseUrl().length()) : url;
  }

  @Override
  public SearchSteps.Start open(Open r) {
    try (WebEnvironment env = sandboxEnvironment(r.episodeId(), r.taskId())) {
      Observation o = env.reset();
      return new SearchSteps.Start(
          instruction(r.taskId()),
          state(r.episodeId(), o, false, 0, false, false, "start", screen(env, r.screens())));
    }
  }

  @Override
  public SearchSteps.Outcome step(Step r) {
    try (WebEnvironment env = sandboxEnvironment(r.episodeId(), r.taskId())) {
      env.restore(absolute(r.from().stateUrl()));
      NodeState to = step(r.episodeId(), env, r.command(), r.screens());
      List<String> history = new ArrayList<>(r.history());
      history.add(r.command());
      if (to.terminal() && r.judge() != null) {
        to = judged(to, r.judge(), r.instruction(), history, env);
      }
      if (r.rolloutSteps() <= 0 || to.terminal()) {
        return new SearchSteps.Outcome(to, null);
      }
      return new SearchSteps.Outcome(
          to,
          rollout(
              env,
              agents.policy(r.policy()),
              r.instruction(),
              to.stateUrl(),
              history,
              r.rolloutSteps(),
              r.rolloutSeed(),
              r.judge()));
    }
  }

  @Override
  public SearchSteps.Rollout rollout(Rollout r) {
    try (WebEnvironment env = sandboxEnvironment(r.episodeId(), r.taskId())) {
      return rollout(
          env,
          agents.policy(r.policy()),
          r.instruction(),
          r.from().stateUrl(),
          r.history(),
          r.stepsLeft(),
          r.seed(),
          r.judge());
    }
  }

  /**
   * The rollout policy from a node's page, restored from its state URL, to the end or the limit; a
   * terminal page is scored by the site, or by {@code judge} when one is named.
   */
  private SearchSteps.Rollout rollout(
      WebEnvironment env,
      Policy rolloutPolicy,
      String instructionText,
      String stateUrl,
      List<String> commands,
      int stepsLeft,
      long seed,
      String judge) {
    Observation page = env.restore(absolute(stateUrl));
    List<Action> history = parse(commands);
    List<String> said = new ArrayList<>(commands);
    SplittableRandom random = new SplittableRandom(seed);
    Instruction instruction = new Instruction(instructionText);
    for (int step = 1; step <= stepsLeft; step++) {
      List<CompositeAction> next =
          rolloutPolicy.propose(new AgentState(instruction, history, page), 1, random);
      if (next.isEmpty()) {
        return new SearchSteps.Rollout(0, false, step - 1);
      }
      StepResult s = env.step(next.get(0).command());
      history.add(next.get(0).command());
      said.add(next.get(0).command().toString());
      page = s.observation();
      if (s.done()) {
        double reward =
            judge == null ? s.reward() : verdict(judge, instructionText, said, env).reward();
        return new SearchSteps.Rollout(reward, true, step);
      }
    }
    return new SearchSteps.Rollout(0, false, stepsLeft);
  }

  /**
   * A judge's verdict on a terminal sandbox page: what it saw (the instruction, the commands from
   * the start page, the page's text less what the site marks as its own) and never the site's
   * reward.
   */
  record Verdict(String judge, double probability, boolean success) {
    double reward() {
      return success ? 1.0 : 0.0;
    }

    String note() {
      return String.format(
          java.util.Locale.ROOT,
          "valued by %s: %s (p=%.3f)",
          judge,
          success ? "success" : "failure",
          probability);
    }
  }

  private Verdict verdict(
      String judgeName, String instructionText, List<String> commands, WebEnvironment env) {
    Judge judge = agents.judge(judgeName);
    JudgeInput seen = JudgeInput.ofCommands(instructionText, commands, env.judgeText(), null);
    return new Verdict(judge.name(), judge.probability(seen), judge.success(seen));
  }

  /** A terminal node's state with the judge's verdict as its reward, in place of the site's. */
  private NodeState judged(
      NodeState terminal,
      String judgeName,
      String instructionText,
      List<String> commands,
      WebEnvironment env) {
    Verdict v = verdict(judgeName, instructionText, commands, env);
    return new NodeState(
        terminal.stateUrl(),
        terminal.observationKey(),
        terminal.title(),
        true,
        v.reward(),
        terminal.invalid(),
        terminal.irreversible(),
        terminal.message() + "; " + v.note());
  }

  @Override
  public SearchSteps.Committed commit(Commit r) {
    ensureSessions(r.episodeId(), r.taskId());
    String liveUrl =
        r.from()
            .stateUrl()
            .replace("/s/" + sandbox(r.episodeId()) + "/", "/s/" + live(r.episodeId()) + "/");
    try (WebEnvironment env =
        new WebEnvironment(
                drivers.newLiveDriver(),
                new Instruction(instruction(r.taskId())),
                absolute(liveUrl))
            .sendingKeys(r.episodeId(), n -> r.idempotencyKey())) {
      env.restore(absolute(liveUrl));
      NodeState done = step(r.episodeId(), env, r.command(), r.screens());
      if (!done.terminal()) {
        // 400, 409 or 422, or no page at all: whether anything happened is the lookup's to say.
        throw ApplicationFailure.newNonRetryableFailure(
            "the "
                + site.environment()
                + " did not confirm the irreversible action under key "
                + r.idempotencyKey()
                + ": it answered '"
                + done.title()
                + "' ("
                + done.message()
                + ")",
            "CommitNotConfirmed");
      }
      return new SearchSteps.Committed(done, false, true, "done under key " + r.idempotencyKey());
    }
  }

  @Override
  public SearchSteps.Committed lookup(Lookup r) {
    KeyLookup<Site.Held> answer =
        site.held(r.idempotencyKey(), r.chosen() == null ? "" : r.chosen().stateUrl());
    switch (answer.state()) {
      case ABSENT:
        return null;
      case IN_PROGRESS:
        throw ApplicationFailure.newFailure(
            "the "
                + site.environment()
                + " is still processing a request under key "
                + r.idempotencyKey(),
            IN_PROGRESS);
      default:
        break;
    }
    Site.Held held = answer.record();
    ensureSessions(r.episodeId(), r.taskId());
    String note =
        "adopted "
            + held.what()
            + " on record under key "
            + r.idempotencyKey()
            + (held.sameAsChosen()
                ? ""
                : ", where this search chose "
                    + (r.chosen() == null ? "nothing yet" : r.chosen().stateUrl())
                    + "; the record that exists is what the episode records");
    String done = held.donePath();
    try (WebEnvironment env =
        new WebEnvironment(
            drivers.newDriver(), new Instruction(instruction(r.taskId())), absolute(done))) {
      Observation o = env.restore(absolute(done));
      return new SearchSteps.Committed(
          state(r.episodeId(), o, true, held.reward(), false, true, note, screen(env, r.screens())),
          true,
          held.sameAsChosen(),
          note);
    }
  }

  /**
   * Walks a failed episode's committed commands again from the start page of its sandbox session,
   * the way {@code agentq replay} does (an irreversible action is scored there, never recorded), in
   * one browser context with a Playwright trace on, and keeps the trace. Why not a recording of the
   * search: see {@code SearchEpisodeWorkflowImpl}. The same request makes the same trace, so a
   * retry overwrites it.
   */
  @Override
  public String trace(Trace r) {
    try (PageDriver driver = drivers.newSandboxDriver()) {
      if (!driver.startTrace()) {
        return null; // no browser (the http driver): nothing to trace
      }
      WebEnvironment env = sandboxEnvironment(r.episodeId(), r.taskId(), driver);
      env.reset();
      for (Action a : parse(r.commands())) {
        if (env.step(a).done()) {
          break;
        }
      }
      return observations.putTrace(r.episodeId(), driver.stopTrace());
    }
  }

  private NodeState step(String episodeId, WebEnvironment env, String command, boolean screens) {
    Action action;
    try {
      action = ActionParser.parse(command);
    } catch (IllegalArgumentException e) {
      Observation same = env.observation();
      return state(
          episodeId,
          same,
          false,
          0,
          true,
          false,
          "invalid action: " + e.getMessage(),
          screen(env, screens));
    }
    boolean irreversible = env.irreversible(action);
    StepResult s = env.step(action);
    return state(
        episodeId,
        s.observation(),
        s.done(),
        s.reward(),
        s.invalid(),
        irreversible,
        s.message(),
        screen(env, screens));
  }

  /** The page in {@code env} as a screenshot, taken when the store wants it; null: none asked. */
  private static Supplier<Optional<byte[]>> screen(WebEnvironment env, boolean screens) {
    return screens ? () -> env.driver().screenshot() : null;
  }

  private NodeState state(
      String episodeId,
      Observation o,
      boolean terminal,
      double reward,
      boolean invalid,
      boolean irreversible,
      String message,
      Supplier<Optional<byte[]>> screen) {
    String key = observations.put(episodeId, o, screen);
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
