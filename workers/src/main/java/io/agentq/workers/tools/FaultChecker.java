package io.agentq.workers.tools;

import io.agentq.core.StoreKeys;
import io.agentq.core.search.IrreversibleAction;
import io.agentq.environments.shop.Order;
import io.agentq.environments.shop.RequestLogEntry;
import io.agentq.environments.shop.ShopSite;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workflows.search.EpisodeArtifacts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checker of a fault run: reads the site's order records and request log directly, and every
 * episode's manifest from the artifact store, and judges exactly-once. PASS when every episode
 * finished, no key and no episode has more than one order, every order is recorded by its episode's
 * manifest under its key, every irreversible action a manifest records has its order at the site,
 * and the episode's score is that order's reward. FAIL with the reasons otherwise. UNKNOWN when the
 * final read itself fails: a run that cannot be read is never a pass.
 */
public final class FaultChecker {
  public enum Verdict {
    PASS,
    FAIL,
    UNKNOWN;

    /** Two verdicts together, as Jepsen merges checkers: FAIL over UNKNOWN over PASS. */
    Verdict and(Verdict other) {
      if (this == FAIL || other == FAIL) {
        return FAIL;
      }
      return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : PASS;
    }
  }

  /**
   * What the final read found.
   *
   * @param episodes episodes of the run
   * @param finished episodes with a manifest
   * @param successes finished episodes whose committed path scored 1
   * @param orders orders at the site
   * @param duplicateKeys orders beyond the first under one key, summed over keys
   * @param duplicateEpisodes orders beyond the first of one episode, summed over episodes
   * @param unrecorded orders the site took that no manifest records under their key
   * @param missing irreversible actions manifests record whose order the site lacks
   * @param adopted recorded irreversible actions taken over from the site by key
   * @param requests Buy Now requests at the site by outcome
   */
  public record Result(
      Verdict verdict,
      List<String> reasons,
      int episodes,
      int finished,
      int successes,
      int orders,
      int duplicateKeys,
      int duplicateEpisodes,
      int unrecorded,
      int missing,
      int adopted,
      Map<RequestLogEntry.Outcome, Integer> requests) {

    static Result unknown(int episodes, String why) {
      return new Result(
          Verdict.UNKNOWN, List.of(why), episodes, -1, -1, -1, -1, -1, -1, -1, -1, Map.of());
    }

    /** This result with more reasons and the verdict they carry. */
    public Result with(Verdict v, List<String> more) {
      if (more.isEmpty()) {
        return this;
      }
      List<String> all = new ArrayList<>(reasons);
      all.addAll(more);
      return new Result(
          verdict.and(v),
          all,
          episodes,
          finished,
          successes,
          orders,
          duplicateKeys,
          duplicateEpisodes,
          unrecorded,
          missing,
          adopted,
          requests);
    }
  }

  private FaultChecker() {}

  /**
   * Reads the records and judges; any failure of the read makes the verdict UNKNOWN. Without {@code
   * expectFinished} (a run that was cut short) unfinished episodes are no reason to fail.
   */
  public static Result read(
      ShopSite site, JsonArtifacts artifacts, List<String> episodeIds, boolean expectFinished) {
    List<Order> orders;
    List<RequestLogEntry> requests;
    Map<String, Optional<EpisodeArtifacts>> manifests = new LinkedHashMap<>();
    try {
      orders = site.orders();
      requests = site.requests();
      for (String id : episodeIds) {
        manifests.put(id, artifacts.get(manifestKey(id), EpisodeArtifacts.class));
      }
    } catch (RuntimeException e) {
      return Result.unknown(episodeIds.size(), "the final read failed: " + e);
    }
    return judge(episodeIds, orders, requests, manifests, expectFinished);
  }

  public static Result judge(
      List<String> episodeIds,
      List<Order> orders,
      List<RequestLogEntry> requests,
      Map<String, Optional<EpisodeArtifacts>> manifests) {
    return judge(episodeIds, orders, requests, manifests, true);
  }

  /**
   * The verdict on records already read; {@code manifests} maps each episode to its manifest (an
   * empty one: not finished).
   */
  public static Result judge(
      List<String> episodeIds,
      List<Order> orders,
      List<RequestLogEntry> requests,
      Map<String, Optional<EpisodeArtifacts>> manifests,
      boolean expectFinished) {
    List<String> reasons = new ArrayList<>();
    Set<String> ours = new LinkedHashSet<>(episodeIds);
    int finished = 0;
    int successes = 0;
    int adopted = 0;
    for (String id : episodeIds) {
      Optional<EpisodeArtifacts> m = manifests.getOrDefault(id, Optional.empty());
      if (m.isEmpty()) {
        if (expectFinished) {
          reasons.add("episode " + id + " did not finish: it has no manifest");
        }
        continue;
      }
      finished++;
      if (m.get().summary().success()) {
        successes++;
      }
      adopted += (int) m.get().irreversible().stream().filter(IrreversibleAction::adopted).count();
    }

    Map<String, List<Order>> byKey =
        orders.stream()
            .collect(Collectors.groupingBy(Order::key, LinkedHashMap::new, Collectors.toList()));
    Map<String, List<Order>> byEpisode =
        orders.stream()
            .collect(
                Collectors.groupingBy(Order::episode, LinkedHashMap::new, Collectors.toList()));
    int duplicateKeys = 0;
    for (var e : byKey.entrySet()) {
      if (e.getValue().size() > 1) {
        duplicateKeys += e.getValue().size() - 1;
        reasons.add("key " + e.getKey() + " has " + e.getValue().size() + " orders " + ids(e));
      }
    }
    int duplicateEpisodes = 0;
    for (var e : byEpisode.entrySet()) {
      if (e.getValue().size() > 1) {
        duplicateEpisodes += e.getValue().size() - 1;
        reasons.add("episode " + e.getKey() + " has " + e.getValue().size() + " orders " + ids(e));
      }
    }

    int unrecorded = 0;
    for (Order o : orders) {
      String where =
          "order #" + o.orderId() + " (key " + o.key() + ", episode " + o.episode() + ")";
      if (!ours.contains(o.episode())) {
        unrecorded++;
        reasons.add(where + " is not of an episode of this run");
        continue;
      }
      if (!o.key().startsWith(o.episode() + ":irreversible:")) {
        reasons.add(where + ": its key is not one of its episode's keys");
      }
      Optional<EpisodeArtifacts> m = manifests.getOrDefault(o.episode(), Optional.empty());
      Optional<IrreversibleAction> recorded =
          m.flatMap(
              a -> a.irreversible().stream().filter(i -> i.key().equals(o.key())).findFirst());
      if (recorded.isEmpty()) {
        unrecorded++;
        reasons.add(
            where
                + " exists at the site but "
                + (m.isEmpty()
                    ? "its episode has no manifest"
                    : "its manifest does not record it"));
      } else if (Math.abs(m.get().summary().score() - o.reward()) > 1e-9) {
        reasons.add(
            where
                + ": the episode records score "
                + m.get().summary().score()
                + " but the order's reward is "
                + o.reward());
      }
    }

    int missing = 0;
    for (var e : manifests.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      for (IrreversibleAction a : e.getValue().get().irreversible()) {
        if (!byKey.containsKey(a.key())) {
          missing++;
          reasons.add(
              "episode "
                  + e.getKey()
                  + " records an irreversible action under "
                  + a.key()
                  + " ("
                  + a.command()
                  + (a.adopted() ? ", adopted" : "")
                  + ") but the site has no order under that key");
        }
      }
    }

    Map<RequestLogEntry.Outcome, Integer> byOutcome = new EnumMap<>(RequestLogEntry.Outcome.class);
    for (RequestLogEntry r : requests) {
      byOutcome.merge(r.outcome(), 1, Integer::sum);
    }
    return new Result(
        reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        List.copyOf(reasons),
        episodeIds.size(),
        finished,
        successes,
        orders.size(),
        duplicateKeys,
        duplicateEpisodes,
        unrecorded,
        missing,
        adopted,
        byOutcome);
  }

  private static String ids(Map.Entry<String, List<Order>> e) {
    return e.getValue().stream()
        .map(o -> "#" + o.orderId())
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Where an episode's manifest is in the store. */
  static String manifestKey(String episodeId) {
    return StoreKeys.episode(episodeId, StoreKeys.MANIFEST);
  }
}
