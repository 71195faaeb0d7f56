package io.agentq.workflows.search;

import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchConfig;
import java.util.List;

/**
 * The input of one search episode: small values only, never a tree.
 *
 * @param episodeId deterministic id: the workflow id, the key prefix of its artifacts and
 *     checkpoints, and the business identity of its irreversible actions
 * @param taskId the task (goal index) of the environment
 * @param config the search budget and constants
 * @param orchestration where the policy runs, the commit's timeout, when to continue as new,
 *     whether every node's page is kept as a screenshot
 * @param agents which policy proposes and rolls out and which critic ranks (null: the defaults)
 * @param resumeFrom the checkpoint key a continued run starts from (null on a first start: the
 *     store is asked)
 * @param resumedFromIteration the iteration of the checkpoint a crashed run was resumed from (-1:
 *     none)
 * @param prefix a fork's first steps, executed and committed without search (null: none)
 * @param dryRun a fork's irreversible action is scored in its sandbox and never sent to the live
 *     site (null: false)
 * @param environment the site the episode runs on ("shop", "booking"; null, as in requests made
 *     before there were two: the shop)
 */
public record EpisodeRequest(
    String episodeId,
    int taskId,
    SearchConfig config,
    Orchestration orchestration,
    Agents agents,
    String resumeFrom,
    int resumedFromIteration,
    List<Proposal> prefix,
    Boolean dryRun,
    String environment) {

  /** The site of the episode; requests recorded before environments were named ran the shop. */
  @Override
  public String environment() {
    return TaskQueues.environmentOf(environment);
  }

  /** The same episode on {@code site}. */
  public EpisodeRequest on(String site) {
    return copy(orchestration, agents, resumeFrom, resumedFromIteration, prefix, dryRun, site);
  }

  /** Requests recorded before agents were named ran the defaults. */
  @Override
  public Agents agents() {
    return agents == null ? Agents.defaults() : agents;
  }

  /** A fork's forced first steps (none for other episodes). */
  public List<Proposal> forcedSteps() {
    return prefix == null ? List.of() : prefix;
  }

  /** Whether irreversible actions stay in the sandbox (a fork's). */
  public boolean sandboxOnly() {
    return dryRun != null && dryRun;
  }

  /**
   * This episode as a fork: its first steps are {@code steps} (another episode's committed prefix),
   * then it searches; it never sends an irreversible action to the live site.
   */
  public EpisodeRequest forkedWith(List<Proposal> steps) {
    return copy(
        orchestration,
        agents,
        resumeFrom,
        resumedFromIteration,
        List.copyOf(steps),
        true,
        environment);
  }

  /** A fresh episode with the default orchestration. */
  public static EpisodeRequest of(String episodeId, int taskId, SearchConfig config) {
    return new EpisodeRequest(
        episodeId,
        taskId,
        config,
        Orchestration.defaults(),
        Agents.defaults(),
        null,
        -1,
        null,
        null,
        null);
  }

  public EpisodeRequest with(Orchestration o) {
    return copy(o, agents, resumeFrom, resumedFromIteration, prefix, dryRun, environment);
  }

  public EpisodeRequest with(Agents a) {
    return copy(orchestration, a, resumeFrom, resumedFromIteration, prefix, dryRun, environment);
  }

  /**
   * Which policy and critic an episode uses, by the names the workers resolve: "zero-shot" or a
   * stored policy version ("v3"); the critic "base-ranking" (the frozen zero-shot policy ranks the
   * proposals by its likelihood), "base-ranking:vN" (a stored policy does) or "critic:cN" (a
   * learned critic in the store); and what the search backs up, the site's reward (null or "site")
   * or a judge ("judge:jN"). The committed irreversible action's outcome is always the live site's
   * own.
   */
  public record Agents(String policy, String critic, String value) {
    /** What a search backs up by default: the site's own reward of its sandbox. */
    public static final String SITE = "site";

    /** A policy and a critic, the search valued by the site's reward. */
    public Agents(String policy, String critic) {
      this(policy, critic, null);
    }

    public static Agents defaults() {
      return new Agents("zero-shot", "base-ranking");
    }

    /**
     * What the search backs up: "site" (the site's reward of a terminal sandbox page) or a judge's
     * name ("judge:j1": its verdict on the instruction, the commands and the final page).
     */
    public String valueOrSite() {
      return value == null ? SITE : value;
    }

    /** The judge that values the search, or null when the site's reward does. */
    public String judge() {
      return value == null || value.equals(SITE) ? null : value;
    }
  }

  /** A copy with the fields the withers change; the episode, its task and budget kept. */
  private EpisodeRequest copy(
      Orchestration o,
      Agents a,
      String from,
      int fromIteration,
      List<Proposal> steps,
      Boolean sandbox,
      String site) {
    return new EpisodeRequest(
        episodeId, taskId, config, o, a, from, fromIteration, steps, sandbox, site);
  }

  /** The same episode continued from a checkpoint (continue-as-new). */
  EpisodeRequest continuedFrom(String checkpointKey, int resumedFrom) {
    return copy(orchestration, agents, checkpointKey, resumedFrom, prefix, dryRun, environment);
  }

  /**
   * How the episode is run, which does not change what it computes.
   *
   * @param localPolicy policy calls as local activities in the workflow worker's process (fast);
   *     false: activities on {@link TaskQueues#POLICY}, for separate (GPU) policy workers
   * @param localSteps sandbox steps as local activities in the workflow worker's process, when the
   *     browser runs there (the all-in-one process); false: activities on {@link
   *     TaskQueues#BROWSER}, for separate browser workers. Irreversible actions and lookups are
   *     always activities on the browser queue.
   * @param stepTimeoutSeconds start-to-close timeout of one sandbox step (a dead browser worker is
   *     noticed after this long, and the step is retried elsewhere)
   * @param commitTimeoutSeconds start-to-close timeout of the one attempt of an irreversible action
   * @param maxHistoryEvents continue-as-new once history passes this many events (0: only when the
   *     server suggests it)
   * @param screens a PNG screenshot of every page a node reached, stored beside its observation
   *     (Chromium only; null, as in requests made before it existed: false)
   */
  public record Orchestration(
      boolean localPolicy,
      boolean localSteps,
      int stepTimeoutSeconds,
      int commitTimeoutSeconds,
      int maxHistoryEvents,
      Boolean screens) {
    /** Everything in one process: policy calls and sandbox steps local; no screenshots. */
    public static Orchestration defaults() {
      return new Orchestration(true, true, 60, 60, 0, null);
    }

    /** Whether the browser side keeps a screenshot of every page a node reached. */
    public boolean capturesScreens() {
      return screens != null && screens;
    }

    public Orchestration withLocalPolicy(boolean local) {
      return new Orchestration(
          local, localSteps, stepTimeoutSeconds, commitTimeoutSeconds, maxHistoryEvents, screens);
    }

    public Orchestration withLocalSteps(boolean local) {
      return new Orchestration(
          localPolicy, local, stepTimeoutSeconds, commitTimeoutSeconds, maxHistoryEvents, screens);
    }

    public Orchestration withTimeouts(int stepSeconds, int commitSeconds) {
      return new Orchestration(
          localPolicy, localSteps, stepSeconds, commitSeconds, maxHistoryEvents, screens);
    }

    public Orchestration withMaxHistoryEvents(int events) {
      return new Orchestration(
          localPolicy, localSteps, stepTimeoutSeconds, commitTimeoutSeconds, events, screens);
    }

    /** With screenshots of every node's page, or without (null: the default, kept compact). */
    public Orchestration withScreens(boolean on) {
      return new Orchestration(
          localPolicy,
          localSteps,
          stepTimeoutSeconds,
          commitTimeoutSeconds,
          maxHistoryEvents,
          on ? Boolean.TRUE : null);
    }
  }
}
