package io.agentq.core;

import java.util.Locale;

/**
 * Where everything is in the artifact store: the one place that names its keys. Every reader and
 * writer (activities, commands, the UI, workflow code that passes keys along) takes its keys from
 * here, so a layout change is made once.
 *
 * <pre>
 * episodes/E/{request,manifest,tree,trajectory,checkpoint}.json, pairs.jsonl, obs/DIGEST.json,
 *            checkpoints/WRITER-N.json, history/RUN.json
 * rounds/R/{request,result,version,report}.json, report.md, training/...
 * evals/POLICY/{dev,heldout}-nN-TT-sS/tTASK.json      datasets/NAME/tTASK.json
 * evals/runs/RUN/POLICY/SPLIT-TT-sS/tTASK.json  (a command's evaluation under its run id)
 * cycles/C/cycle.json, ...   pairs/C/...   reports/C/...   (CycleKeys)
 * ladders/L/...   schedules/NAME/skipped/...   policies/V/..., policies/promoted.json
 * judges/JN/{manifest.json,weights.bin,heldout.json}
 * judged/SITE/SOURCE/SPLIT-TT-sS/tTASK.json   (episodes labelled for the outcome judge)
 * </pre>
 */
public final class StoreKeys {
  private StoreKeys() {}

  public static final String EPISODES = "episodes/";
  public static final String MANIFEST = "manifest.json";
  public static final String TREE = "tree.json";
  public static final String TRAJECTORY = "trajectory.json";
  public static final String PAIRS = "pairs.jsonl";
  public static final String REQUEST = "request.json";
  public static final String CHECKPOINT = "checkpoint.json";

  /** An episode's prefix: {@code episodes/E/}. */
  public static String episode(String episodeId) {
    return EPISODES + episodeId + "/";
  }

  /** One of an episode's files ({@link #MANIFEST}, {@link #TREE}, ...). */
  public static String episode(String episodeId, String file) {
    return episode(episodeId) + file;
  }

  /** The prefix of every episode whose id starts with {@code idPrefix} (for listing). */
  public static String episodesStartingWith(String idPrefix) {
    return EPISODES + idPrefix;
  }

  /** The episode id of a key under {@code episodes/} ({@code episodes/E/...} gives E). */
  public static String episodeOf(String key) {
    String rest = key.substring(EPISODES.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** A page an episode's agent saw, by the digest of its content. */
  public static String observation(String episodeId, String digest) {
    return episode(episodeId) + "obs/" + digest + ".json";
  }

  /** One link of an episode's checkpoint chain. */
  public static String checkpointLink(String episodeId, String writer, long seq) {
    return episode(episodeId) + "checkpoints/" + writer + "-" + seq + ".json";
  }

  /** Where a workflow's archived histories go ({@code PREFIX/RUN.json}). */
  public static String episodeHistory(String episodeId) {
    return episode(episodeId) + "history/";
  }

  /** One of a training round's files ({@code request.json}, {@code result.json}, ...). */
  public static String round(String roundId, String file) {
    return "rounds/" + roundId + "/" + file;
  }

  /** Where a round's training run keeps its epochs. */
  public static String roundTraining(String roundId) {
    return "rounds/" + roundId + "/training";
  }

  /**
   * Where a policy's evaluation without search on a split's sample keeps its episodes, per policy
   * and settings, so that later rounds and cycles read it back.
   */
  public static String evaluation(String policy, String split, int tasks, int maxSteps, long seed) {
    return String.format(
        Locale.ROOT, "evals/%s/%s-n%d-T%d-s%d", policy, split, tasks, maxSteps, seed);
  }

  /**
   * Where a command's evaluation without search ({@code agentq eval}, {@code expert}, {@code demo})
   * keeps its episodes under its run id, per policy and settings: run again with the same id, it
   * reads them back (a larger sample reuses a smaller one's, the sample being the first tasks of
   * one order).
   */
  public static String evaluationRun(
      String runId, String policy, String split, int maxSteps, long seed) {
    return String.format(
        Locale.ROOT, "evals/runs/%s/%s/%s-T%d-s%d", runId, policy, split, maxSteps, seed);
  }

  /** One episode of an evaluation without search: {@code PREFIX/tTASK.json}. */
  public static String evaluationEpisode(String prefix, int task) {
    return prefix + "/t" + task + ".json";
  }

  /** A dataset's prefix: {@code datasets/NAME}. */
  public static String dataset(String name) {
    return "datasets/" + name;
  }

  /** One of a ladder's keys: {@code ladders/L/REST}. */
  public static String ladder(String ladderId, String rest) {
    return "ladders/" + ladderId + "/" + rest;
  }

  /** One of a schedule's keys: {@code schedules/NAME/REST}. */
  public static String schedule(String name, String rest) {
    return "schedules/" + name + "/" + rest;
  }

  /** One of a cycle's keys: {@code cycles/C/REST}. */
  public static String cycle(String cycleId, String rest) {
    return "cycles/" + cycleId + "/" + rest;
  }

  /** One of a cycle's pair files: {@code pairs/C/REST}. */
  public static String cyclePairs(String cycleId, String rest) {
    return "pairs/" + cycleId + "/" + rest;
  }

  /** A cycle's report directory: {@code reports/C/}. */
  public static String report(String cycleId) {
    return "reports/" + cycleId + "/";
  }

  /** The pointer to the promoted policy version. */
  public static final String PROMOTED = "policies/promoted.json";

  /**
   * Which policy is promoted on an environment: the shop's at {@link #PROMOTED} (as always), every
   * other site's beside it ({@code policies/promoted-booking.json}).
   */
  public static String promoted(String environment) {
    return isShop(environment) ? PROMOTED : "policies/promoted-" + environment + ".json";
  }

  /**
   * An evaluation's id (or store prefix) on a site: the shop's as it was before there were two
   * sites, every other site's suffixed with its name ({@code ID-booking}).
   */
  public static String onSite(String id, String environment) {
    return isShop(environment) ? id : id + "-" + environment;
  }

  /** The shop is the site of requests that name none (made before there were two). */
  private static boolean isShop(String environment) {
    return environment == null || environment.equals("shop");
  }

  /** One of a policy version's files: {@code policies/V/FILE}. */
  public static String policy(String version, String file) {
    return "policies/" + version + "/" + file;
  }

  /** One of a judge version's files: {@code judges/JN/FILE}. */
  public static String judge(String version, String file) {
    return "judges/" + version + "/" + file;
  }

  /**
   * Where the episodes a judge learns from (or is measured on) are kept: per site, source of
   * episodes (a policy), split, step limit and seed, so a rerun reads them back.
   */
  public static String judgedEpisodes(
      String site, String source, String split, int maxSteps, long seed) {
    return String.format(
        Locale.ROOT, "judged/%s/%s/%s-T%d-s%d", site, source, split, maxSteps, seed);
  }
}
