package io.agentq.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The one seeded order in which every consumer draws a split's tasks (demonstrations, samples,
 * searched rounds, critic trees, dev and held-out evaluations), stratified by category, so that the
 * first N tasks are a sample of the split and never a run of one product type that the goals file
 * happens to list first.
 *
 * <p>Every prefix is stratified proportionally: in the first n tasks, a category with share {@code
 * p = n_c / N} of the split appears {@code floor(n p)} or {@code ceil(n p)} times, so always within
 * 1 of {@code n p}; and the whole order holds every task once.
 *
 * <p>Construction, from the seed: each category's task ids are sorted and then shuffled, and the
 * categories (sorted by name) are shuffled into a tie-breaking rank. The sequence of categories is
 * Balinski and Young's quota method of apportionment (Amer. Math. Monthly 82(7), 1975), which stays
 * within quota at every house size: place n+1 goes to a category c with {@code a_c < (n+1) p_c} (it
 * may take one more without exceeding its upper quota) that maximises {@code n_c / (a_c + 1)}, ties
 * to the better rank; {@code a_c} counts its places so far. The category takes its next task in its
 * shuffled order. All arithmetic is on integers.
 *
 * <p>Nested categories ("bookable/thai", "unbookable/thai") are stratified at both levels: the
 * groups before the '/' by the quota method, and inside each group its tasks by their whole
 * category, so every prefix holds each group within 1 of its quota. Ordered by whole categories
 * alone, many small categories of one group (the unbookable tasks of each cuisine) would each stay
 * within 1 of a quota below 1 and, together, come late.
 *
 * <p>The simpler construction that sorts tasks by {@code (j + u_c) / n_c} with a seeded offset
 * {@code u_c} in [0, 1) keeps each category within 1 of {@code t n_c} at a threshold t, but not of
 * {@code n p_c} at a prefix length n: with categories of 3, 4, 2, 7 and 7 tasks or with 26 types of
 * a few hundred, some prefixes miss by more than 1 (1.04 and 1.25), so it is not used.
 */
public final class TaskSampler {
  /**
   * The seed every consumer of a site's tasks samples with. Fixed, so that every command, process
   * and ladder draws the same tasks of a split, and changing {@code --seed} (the policy's and the
   * search's randomness) never changes which tasks a number is measured on.
   */
  public static final long SAMPLE_SEED = 1;

  /** A task and the category it is stratified by (the shop: its target's product category). */
  public record Task(int id, String category) {
    public Task {
      if (category == null) {
        throw new IllegalArgumentException("task " + id + ": category is null (use \"\")");
      }
    }
  }

  private TaskSampler() {}

  /**
   * Every task's id, in the stratified order of {@code seed}. The order depends only on the set of
   * tasks and the seed, not on the order they are given in.
   */
  public static List<Integer> order(Collection<Task> tasks, long seed) {
    if (tasks.stream().noneMatch(t -> t.category().contains("/"))) {
      return flat(tasks, seed);
    }
    // Nested strata ("bookable/thai"): the groups before the '/' by the quota method, each group's
    // tasks in its own stratified order by their whole category, so that every prefix holds each
    // group within 1 of its quota (the first 20 of a split 20% unbookable hold 4 unbookable
    // tasks), not only each small category.
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, List<Task>> groups = new TreeMap<>();
    for (Task t : tasks) {
      String c = t.category();
      int slash = c.indexOf('/');
      groups.computeIfAbsent(slash < 0 ? c : c.substring(0, slash), g -> new ArrayList<>()).add(t);
    }
    List<List<Integer>> inner = new ArrayList<>();
    for (List<Task> g : groups.values()) {
      inner.add(flat(g, rng.nextLong()));
    }
    return interleave(inner, rng);
  }

  /** The stratified order by whole categories (the shop's: by product category). */
  private static List<Integer> flat(Collection<Task> tasks, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, List<Integer>> byCategory = new TreeMap<>();
    for (Task t : tasks) {
      byCategory.computeIfAbsent(t.category(), c -> new ArrayList<>()).add(t.id());
    }
    List<List<Integer>> shuffled = new ArrayList<>();
    for (List<Integer> ids : byCategory.values()) {
      ids.sort(null);
      shuffle(ids, rng);
      shuffled.add(ids);
    }
    return interleave(shuffled, rng);
  }

  /**
   * The lists' items in the quota method's sequence over the lists (sizes their lengths, ties to a
   * seeded rank), each list giving its items in order.
   */
  private static List<Integer> interleave(List<List<Integer>> shuffled, SplittableRandom rng) {
    int k = shuffled.size();
    List<Integer> byRank = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      byRank.add(c);
    }
    shuffle(byRank, rng);
    int[] rank = new int[k];
    int[] sizes = new int[k];
    for (int r = 0; r < k; r++) {
      rank[byRank.get(r)] = r;
    }
    for (int c = 0; c < k; c++) {
      sizes[c] = shuffled.get(c).size();
    }
    int[] next = new int[k];
    List<Integer> out = new ArrayList<>();
    for (int c : categorySequence(sizes, rank)) {
      out.add(shuffled.get(c).get(next[c]++));
    }
    return out;
  }

  /**
   * The quota method: the category of each place, for categories of {@code sizes} tasks, ties to
   * the lower {@code rank}.
   */
  static int[] categorySequence(int[] sizes, int[] rank) {
    long total = 0;
    for (int s : sizes) {
      total += s;
    }
    int[] seats = new int[sizes.length];
    int[] out = new int[(int) total];
    for (int place = 0; place < total; place++) {
      int best = -1;
      for (int c = 0; c < sizes.length; c++) {
        // Eligible: one more place keeps it within its upper quota, a_c + 1 <= ceil((n+1) p_c).
        if ((long) seats[c] * total >= (long) (place + 1) * sizes[c]) {
          continue;
        }
        if (best < 0) {
          best = c;
          continue;
        }
        // Priority n_c / (a_c + 1), compared without division.
        long mine = (long) sizes[c] * (seats[best] + 1);
        long theirs = (long) sizes[best] * (seats[c] + 1);
        if (mine > theirs || (mine == theirs && rank[c] < rank[best])) {
          best = c;
        }
      }
      if (best < 0) {
        throw new IllegalStateException("quota method: no category eligible at place " + place);
      }
      seats[best]++;
      out[place] = best;
    }
    return out;
  }

  private static void shuffle(List<Integer> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Integer x = list.get(i);
      list.set(i, list.get(j));
      list.set(j, x);
    }
  }
}
