package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.search.SearchConfig;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.CriticStore;
import io.agentq.infra.training.CriticVersion;
import io.agentq.infra.training.ModelVersions;
import io.agentq.workflows.search.EpisodeRequest;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** How an episode searches at inference time, and where the durable stack is. */
public final class SearchOptions {
  @Option(
      names = "--search",
      defaultValue = "none",
      description = "none, or mcts (Agent Q's critic-guided MCTS as a Temporal workflow).")
  String search;

  @Option(
      names = "--policy",
      defaultValue = "zero-shot",
      description =
          "zero-shot (the built-in untrained policy), a stored version (v0, v1, ...) or promoted.")
  String policy;

  @Option(
      names = "--critic",
      defaultValue = "base-ranking",
      description =
          "The critic of the search: base-ranking (the frozen zero-shot policy's ranking),"
              + " base-ranking:vN (a frozen stored version's) or critic:cN (a learned listwise"
              + " critic from `agentq train-critic`, frozen).")
  String critic;

  @Option(
      names = "--value",
      defaultValue = "site",
      description =
          "What the search backs up: site (the site's reward of a terminal sandbox page) or"
              + " judge:jN (a stored outcome judge's verdict on the instruction, the commands and"
              + " the final page, from `agentq train-judge`). The committed action's outcome is"
              + " always the live site's.")
  String value;

  @Option(
      names = "--iterations",
      defaultValue = "10",
      description = "MCTS iterations per real step.")
  int iterations;

  @Option(names = "--k", defaultValue = "4", description = "K: actions proposed at a new node.")
  int k;

  @Option(names = "--c-exp", defaultValue = "1.0", description = "UCB1 exploration weight.")
  double exploration;

  @Option(
      names = "--alpha",
      defaultValue = "0.5",
      description = "Weight of the MCTS value against the critic's (Eq. 10).")
  double alpha;

  @Option(
      names = "--theta",
      defaultValue = "0.1",
      description = "Least Q_mix gap of a preference pair.")
  double theta;

  @Option(
      names = "--rollout-value",
      defaultValue = "SUCCESS",
      description =
          "What a simulation backs up: SUCCESS (1 if the terminal score is 1: the paper's reward)"
              + " or SCORE (the terminal score, as LATS).")
  SearchConfig.RolloutValue rolloutValue;

  @Option(
      names = "--temporal",
      description = "host:port of a Temporal cluster (default: an embedded one).")
  public String temporal;

  @Option(
      names = "--s3",
      description = "URL of an S3 server such as MinIO (default: an embedded one).")
  public String s3;

  @Option(
      names = "--policy-queue",
      description =
          "Send policy calls to workers of the agentq-policy task queue (e.g. on a GPU machine)"
              + " instead of running them as local activities beside the workflows.")
  boolean policyQueue;

  @Option(
      names = "--browser-queue",
      description =
          "Send sandbox steps to workers of the agentq-browser task queue instead of running them"
              + " as local activities beside the workflows.")
  boolean browserQueue;

  @Option(
      names = "--no-workers",
      description =
          "Start no workers here: `agentq worker` processes serve the task queues (needs"
              + " --temporal and --s3).")
  boolean noWorkers;

  @Option(
      names = "--step-timeout",
      defaultValue = "60",
      description = "Seconds before a sandbox step on a dead worker is tried again elsewhere.")
  int stepTimeout;

  @Option(
      names = "--commit-timeout",
      defaultValue = "60",
      description =
          "Seconds the one attempt of an irreversible action may take; after that the site is"
              + " asked by key whether it happened.")
  int commitTimeout;

  @Option(
      names = "--screens",
      description =
          "Keep a PNG screenshot of the page at every node of a searched episode, beside its"
              + " observation (episodes/E/obs/*.png), shown by `agentq ui` and packed by `agentq"
              + " bundle`; needs --search mcts and the playwright driver.")
  public boolean screens;

  @Option(
      names = "--run-id",
      description = "Episode ids are RUNID-tTASK; run again with the same id to resume.")
  String runId;

  boolean mcts() {
    if (!search.equals("none") && !search.equals("mcts")) {
      throw new InputException("--search: unknown search '" + search + "' (use none or mcts)");
    }
    if (screens && search.equals("none")) {
      throw new InputException(
          "--screens: screenshots are kept per node of a searched episode; add --search mcts");
    }
    return search.equals("mcts");
  }

  public SearchConfig config(int maxSteps, long seed) {
    try {
      return new SearchConfig(
          iterations, k, maxSteps, exploration, alpha, theta, iterations, rolloutValue, seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage().replace("search config: ", "search options: "));
    }
  }

  /** How the episodes run; {@code driver} is the page driver of the workers started here. */
  EpisodeRequest.Orchestration orchestration(String driver) {
    if (screens && !noWorkers && !driver.equals("playwright")) {
      throw new InputException(
          "--screens: the "
              + driver
              + " driver renders no pixels to screenshot; add --driver playwright");
    }
    if (stepTimeout < 1 || commitTimeout < 1) {
      throw new InputException("--step-timeout and --commit-timeout must be at least 1 second");
    }
    if (noWorkers && (temporal == null || s3 == null)) {
      throw new InputException(
          "--no-workers needs --temporal and --s3: the workers elsewhere must share them");
    }
    // With no workers here, the workflows run elsewhere, beside neither policy nor browser.
    return EpisodeRequest.Orchestration.defaults()
        .withLocalPolicy(!policyQueue && !noWorkers)
        .withLocalSteps(!browserQueue && !noWorkers)
        .withTimeouts(stepTimeout, commitTimeout)
        .withScreens(screens);
  }

  /**
   * The episode's agents, "promoted" resolved to the version it names now and version names in
   * their one spelling; a learned critic must be in the store.
   */
  EpisodeRequest.Agents agents(Supplier<JsonArtifacts> store) {
    return agents(store, null);
  }

  /** The agents of episodes on {@code environment} ("promoted": that environment's). */
  EpisodeRequest.Agents agents(Supplier<JsonArtifacts> store, String environment) {
    return new EpisodeRequest.Agents(
        policyName(policy, store, environment), critic(store), value(store));
  }

  /**
   * null for the site's reward (the requests' default), else the judge's normalised name; a judge
   * the store does not hold is one line here, before any episode starts.
   */
  String value(Supplier<JsonArtifacts> store) {
    String judge = judgeName(value);
    if (judge != null) {
      requireJudge(judge, store.get());
    }
    return judge;
  }

  /**
   * What a {@code --value} option names: null for "site", else the judge's one spelling
   * ("judge:jN"); anything else is one line.
   */
  static String judgeName(String value) {
    if (value.equals(EpisodeRequest.Agents.SITE)) {
      return null;
    }
    if (!value.startsWith(io.agentq.infra.judge.JudgeStore.PREFIX)) {
      throw new InputException(
          "--value: unknown value '" + value + "' (use site, or judge:jN from agentq train-judge)");
    }
    return io.agentq.infra.judge.JudgeStore.PREFIX
        + io.agentq.infra.judge.JudgeStore.normalise(value);
  }

  /** A judge the store does not hold is one line, before any episode starts. */
  static void requireJudge(String judge, JsonArtifacts store) {
    try {
      new io.agentq.infra.judge.JudgeStore(store)
          .load(io.agentq.infra.judge.JudgeStore.normalise(judge));
    } catch (InputException e) {
      throw new InputException("--value " + judge + ": " + e.getMessage());
    }
  }

  /** What every searched number rests on, said beside it. */
  static String backedUp(String judge) {
    return judge == null
        ? "site reward in a sandbox (each rollout is scored by the site in a sandbox session)"
        : "judge "
            + judge
            + " (each rollout's final page is judged from the instruction, the commands and the"
            + " page; the site's reward is never read; the committed outcome is the live site's)";
  }

  /** "zero-shot", or the stored version a policy option names ("promoted" resolved now). */
  static String policyName(String policy, Supplier<JsonArtifacts> store) {
    return policyName(policy, store, null);
  }

  /** As {@link #policyName(String, Supplier)}, "promoted" read on {@code environment}. */
  static String policyName(String policy, Supplier<JsonArtifacts> store, String environment) {
    if (policy.equals("promoted")) {
      return io.agentq.infra.training.PolicyStore.promoted(store.get(), environment)
          .map(io.agentq.infra.training.PolicyStore.Promotion::version)
          .orElseThrow(
              () ->
                  new InputException(
                      "--policy promoted: no version is promoted yet"
                          + (environment == null ? "" : " on " + environment)));
    }
    return policy.equals("zero-shot")
        ? policy
        : io.agentq.infra.training.PolicyStore.normalise(policy);
  }

  private String critic(Supplier<JsonArtifacts> store) {
    String base = "base-ranking";
    if (critic.equals(base)) {
      return critic;
    }
    if (critic.startsWith(base + ":")) {
      return base
          + ":"
          + io.agentq.infra.training.PolicyStore.normalise(critic.substring(base.length() + 1));
    }
    String learned = io.agentq.activities.search.StoredAgents.LEARNED;
    if (critic.startsWith(learned)) {
      String v = CriticStore.normalise(critic.substring(learned.length()));
      var critics = new ModelVersions<>(store.get(), CriticStore.CRITICS, CriticVersion.class);
      CriticVersion m =
          critics
              .manifest(v)
              .orElseThrow(
                  () ->
                      new InputException(
                          "--critic " + critic + ": " + critics.unknown(v).getMessage()));
      if (!m.readableBy(io.agentq.infra.training.ShopPolicyFeatures.CRITIC_LAYOUT)) {
        throw new InputException(
            "--critic "
                + critic
                + ": trained on another feature layout ("
                + m.architecture()
                + ") than this build's "
                + io.agentq.infra.training.ShopPolicyFeatures.CRITIC_LAYOUT
                + "; train a new critic with `agentq train-critic`, or use the build that made it");
      }
      return learned + v;
    }
    throw new InputException(
        "--critic: unknown critic '"
            + critic
            + "' (use base-ranking, base-ranking:vN or critic:cN)");
  }

  public String runId() {
    return runId != null ? runId : "run-" + Long.toString(System.currentTimeMillis(), 36);
  }
}
