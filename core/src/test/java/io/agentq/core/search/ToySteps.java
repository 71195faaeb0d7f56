package io.agentq.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny deterministic site for search tests: pages are paths "/", "/1", "/1/3"...; CLICK [1..3]
 * goes one level down, CLICK [9] names nothing (invalid); depth 3 is terminal, and BUY-like
 * irreversibility is marked on terminal steps. The score of a leaf is (sum of its digits mod 4)/3,
 * so "/3/3/3" and "/1/3/1"-like paths score 1 and most others less.
 */
class ToySteps implements SearchSteps {
  final List<String> log = new ArrayList<>();
  final List<TreeDelta> checkpoints = new ArrayList<>();
  int commits;

  static NodeState page(String url) {
    int depth = url.equals("/") ? 0 : url.split("/").length - 1;
    boolean terminal = depth >= 3;
    return new NodeState(
        url,
        "obs" + url,
        "page " + url,
        terminal,
        terminal ? score(url) : 0,
        false,
        terminal,
        "ok");
  }

  static double score(String url) {
    int sum = 0;
    for (char c : url.toCharArray()) {
      if (Character.isDigit(c)) {
        sum += c - '0';
      }
    }
    return (sum % 4) / 3.0;
  }

  @Override
  public Start open() {
    return new Start("reach a page whose digits sum to 3 mod 4", page("/"));
  }

  @Override
  public Expansion expand(NodeState at, List<String> history, int k, long seed) {
    List<Proposal> proposals = propose(at, history, k, seed);
    return new Expansion(proposals, critique(at, history, proposals));
  }

  @Override
  public Outcome step(
      NodeState from, List<String> history, String command, int rolloutSteps, long rolloutSeed) {
    NodeState to = execute(from, history, command);
    Rollout r =
        rolloutSteps > 0 && !to.terminal() ? rollout(to, history, rolloutSteps, rolloutSeed) : null;
    return new Outcome(to, r);
  }

  List<Proposal> propose(NodeState at, List<String> history, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Proposal> out = new ArrayList<>();
    List<String> commands =
        new ArrayList<>(List.of("CLICK [1]", "CLICK [2]", "CLICK [3]", "CLICK [9]"));
    for (int i = 0; i < k && !commands.isEmpty(); i++) {
      String c = commands.remove(r.nextInt(commands.size()));
      out.add(
          new Proposal(
              history.isEmpty() ? "plan" : "", "thought " + c, c, "because", -r.nextDouble() * 3));
    }
    log.add("propose " + at.stateUrl());
    return out;
  }

  List<Integer> critique(NodeState at, List<String> history, List<Proposal> proposals) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < proposals.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> proposals.get(b).command().compareTo(proposals.get(a).command()));
    return order;
  }

  NodeState execute(NodeState from, List<String> history, String command) {
    log.add("execute " + from.stateUrl() + " " + command);
    char digit = command.charAt(7);
    if (digit == '9') {
      return new NodeState(
          from.stateUrl(),
          from.observationKey(),
          from.title(),
          false,
          0,
          true,
          false,
          "invalid action: no element [9] on this page");
    }
    return page((from.stateUrl().equals("/") ? "" : from.stateUrl()) + "/" + digit);
  }

  @Override
  public Rollout rollout(NodeState from, List<String> history, int stepsLeft, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NodeState at = from;
    int steps = 0;
    while (!at.terminal() && steps < stepsLeft) {
      at = page((at.stateUrl().equals("/") ? "" : at.stateUrl()) + "/" + (1 + r.nextInt(3)));
      steps++;
    }
    return new Rollout(at.reward(), at.terminal(), steps);
  }

  @Override
  public Committed commit(Commit c) {
    commits++;
    NodeState bought = execute(c.from(), c.history(), c.command());
    log.add("commit " + c.key());
    return new Committed(bought, false, true, "bought");
  }

  @Override
  public void checkpoint(TreeDelta changes) {
    checkpoints.add(changes);
    log.add("checkpoint " + changes.iterations());
  }

  @Override
  public boolean shouldPause() {
    return false;
  }
}
