package io.agentq.workers.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The nemesis of a fault run: which faults, in which order, at which moments, all drawn from one
 * seed, so that a seed printed by a run gives the same schedule again. Pure: nothing here touches a
 * process.
 *
 * <p>A moment is given by the evaluation's progress rather than by the clock, so that the faults
 * land while episodes are running whatever the machine's speed: fault {@code i} fires once at least
 * {@link Fault#afterEpisodes()} episodes have finished and fault {@code i-1} is over, then after
 * {@link Fault#delayMillis()} more; a fault {@link Fault#atCommit() at a commit} then waits for the
 * next order the site records (at most {@link #COMMIT_WAIT_MILLIS}) and fires at once, in the
 * window in which the order exists and its answer has not reached the agent yet.
 */
public final class FaultSchedule {
  /** How long a fault aimed at a commit waits for the site's next order before firing anyway. */
  static final long COMMIT_WAIT_MILLIS = 30_000;

  /** The worker processes of a fault run, by name. */
  public static final List<String> WORKERS =
      List.of("workflow", "policy", "browser-1", "browser-2");

  public static final List<String> BROWSERS = List.of("browser-1", "browser-2");

  /** What a fault does. */
  public enum Kind {
    /** SIGKILL one browser worker; started again after {@link Fault#downMillis()}. */
    KILL_BROWSER_WORKER("kill-browser"),
    /** SIGKILL every worker process at once; all started again after a while. */
    KILL_ALL_WORKERS("kill-workers"),
    /** SIGKILL the shop; started again on the same port and database. */
    KILL_SITE("kill-site"),
    /** SIGKILL the evaluation's client; started again with the same run id. */
    KILL_CLIENT("kill-client"),
    /** SIGSTOP a worker for longer than its timeouts, then SIGCONT. */
    PAUSE_WORKER("pause-worker");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /**
   * One fault.
   *
   * @param ordinal 1 for the first fault of the schedule
   * @param kind what it does
   * @param afterEpisodes finished episodes before it may fire
   * @param delayMillis how long after that (and after the previous fault) it fires
   * @param atCommit whether it waits for the site's next order and fires right then
   * @param target the process it hits: a worker's name, or the kind's only target
   * @param downMillis how long the process stays dead (kills) or stopped (pauses)
   */
  public record Fault(
      int ordinal,
      Kind kind,
      int afterEpisodes,
      long delayMillis,
      boolean atCommit,
      String target,
      long downMillis) {
    String describe() {
      String what =
          switch (kind) {
            case KILL_BROWSER_WORKER -> "SIGKILL " + target + ", restart after " + secs(downMillis);
            case KILL_ALL_WORKERS -> "SIGKILL all workers, restart after " + secs(downMillis);
            case KILL_SITE -> "SIGKILL the site, restart after " + secs(downMillis);
            case KILL_CLIENT -> "SIGKILL the eval client, restart after " + secs(downMillis);
            case PAUSE_WORKER ->
                "SIGSTOP " + target + " for " + secs(downMillis) + ", then SIGCONT";
          };
      return what
          + " | after "
          + afterEpisodes
          + " episodes + "
          + secs(delayMillis)
          + (atCommit ? ", at the next order" : "");
    }
  }

  private final long seed;
  private final List<Fault> faults;

  private FaultSchedule(long seed, List<Fault> faults) {
    this.seed = seed;
    this.faults = List.copyOf(faults);
  }

  long seed() {
    return seed;
  }

  public List<Fault> faults() {
    return faults;
  }

  /**
   * The schedule of {@code count} faults for a run of {@code episodes} episodes whose activities
   * time out after at most {@code timeoutSeconds}: every kind once before any kind twice (so a seed
   * with five faults or more sees all kinds), the rest drawn at random; pauses last 3 to 10 s
   * longer than the timeout.
   */
  public static FaultSchedule of(long seed, int count, int episodes, int timeoutSeconds) {
    if (count < 0 || episodes < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "fault schedule: count >= 0, episodes >= 1, timeout >= 1 s");
    }
    // java.util.Random's sequence is specified, so a seed means the same schedule on any JVM.
    Random r = new Random(seed);
    Kind[] all = Kind.values();
    List<Kind> kinds = new ArrayList<>(Arrays.asList(all));
    Collections.shuffle(kinds, r);
    List<Kind> chosen = new ArrayList<>(kinds.subList(0, Math.min(count, all.length)));
    while (chosen.size() < count) {
      chosen.add(all[r.nextInt(all.length)]);
    }
    Collections.shuffle(chosen, r);
    int[] moments = new int[count];
    for (int i = 0; i < count; i++) {
      moments[i] = r.nextInt(Math.max(1, episodes - 1));
    }
    Arrays.sort(moments);
    List<Fault> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Kind kind = chosen.get(i);
      long delay = r.nextInt(5_000);
      boolean atCommit = kind != Kind.KILL_CLIENT && r.nextBoolean();
      String target =
          switch (kind) {
            case KILL_BROWSER_WORKER -> BROWSERS.get(r.nextInt(BROWSERS.size()));
            case PAUSE_WORKER -> WORKERS.get(r.nextInt(WORKERS.size()));
            case KILL_ALL_WORKERS -> "workers";
            case KILL_SITE -> "site";
            case KILL_CLIENT -> "eval";
          };
      long down =
          kind == Kind.PAUSE_WORKER
              ? timeoutSeconds * 1000L + 3_000 + r.nextInt(7_000)
              : 500 + r.nextInt(4_500);
      out.add(new Fault(i + 1, kind, moments[i], delay, atCommit, target, down));
    }
    return new FaultSchedule(seed, out);
  }

  /** Faults of each kind, in the kinds' order. */
  int[] countByKind() {
    int[] n = new int[Kind.values().length];
    for (Fault f : faults) {
      n[f.kind().ordinal()]++;
    }
    return n;
  }

  static String secs(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
