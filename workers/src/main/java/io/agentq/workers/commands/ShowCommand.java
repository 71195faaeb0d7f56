package io.agentq.workers.commands;

import io.agentq.activities.search.ArtifactActivitiesImpl;
import io.agentq.core.InputException;
import io.agentq.core.Observation;
import io.agentq.core.StoreKeys;
import io.agentq.core.search.SearchTree;
import io.agentq.core.search.TreeNode;
import io.agentq.core.search.TreeSnapshot;
import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import io.agentq.workflows.search.EpisodeArtifacts;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Opens a searched episode from the artifact store: its outcome, its search tree (visits, values,
 * the critic's values, invalid actions, the committed path) and the page any node stood on.
 */
@Command(
    name = "show",
    description = "Show a searched episode's tree and pages from the artifact store.")
public final class ShowCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      description = "Episode id (e.g. run-xyz-t42; see the demo's or eval's output).")
  String episodeId;

  @Option(names = "--node", description = "Also print the page this node stood on.")
  Integer node;

  @Option(
      names = "--s3",
      description = "URL of the S3 server (default: the embedded store under $AGENTQ_HOME/s3).")
  String s3;

  @Override
  public Integer call() {
    EmbeddedS3 embedded = s3 == null ? EmbeddedS3.start(ShopRuntime.home().resolve("s3"), 0) : null;
    try {
      String endpoint = embedded != null ? embedded.endpoint() : s3;
      JsonArtifacts artifacts = AgentqStack.connectArtifacts(endpoint);
      String prefix = StoreKeys.episode(episodeId);
      TreeSnapshot snapshot =
          artifacts
              .get(prefix + StoreKeys.TREE, TreeSnapshot.class)
              .or(() -> new ArtifactActivitiesImpl(artifacts).lastCheckpoint(episodeId))
              .orElseThrow(
                  () ->
                      new InputException(
                          "episode "
                              + episodeId
                              + ": no tree or checkpoint in "
                              + artifacts.store().location()));
      artifacts
          .get(prefix + StoreKeys.MANIFEST, EpisodeArtifacts.class)
          .ifPresentOrElse(
              m ->
                  System.out.printf(
                      "episode %s: success=%s score=%.4f steps=%d nodes=%d expanded=%d iterations=%d interactions=%d pairs=%d%n%s%n",
                      episodeId,
                      m.summary().success(),
                      m.summary().score(),
                      m.summary().steps(),
                      m.summary().nodes(),
                      m.summary().expanded(),
                      m.summary().iterations(),
                      m.summary().interactions(),
                      m.pairs(),
                      m.summary().budget()),
              () ->
                  System.out.println(
                      "episode "
                          + episodeId
                          + ": unfinished (last checkpoint, iteration "
                          + snapshot.iterations()
                          + ")"));
      System.out.println("instruction: " + snapshot.instruction());
      SearchTree tree = SearchTree.restore(snapshot);
      Set<Integer> committed = new HashSet<>(tree.committed());
      print(tree, tree.node(0), 0, committed);
      if (node != null) {
        if (node < 0 || node >= tree.size()) {
          throw new InputException(
              "--node: no node " + node + " (this tree has 0 to " + (tree.size() - 1) + ")");
        }
        TreeNode n = tree.node(node);
        if (n.state() == null) {
          System.out.println("node " + node + " was proposed but never executed");
        } else {
          Observation page = new ObservationStore(artifacts).get(n.state().observationKey());
          System.out.println("\n--- page of node " + node + ": " + page.url() + "\n" + page.text());
        }
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    return 0;
  }

  private static void print(SearchTree tree, TreeNode n, int depth, Set<Integer> committed) {
    String mark = committed.contains(n.id()) ? "*" : " ";
    if (n.proposal() == null) {
      System.out.printf(
          "%s#%d %s  N=%d%n", mark, n.id(), n.state() == null ? "" : n.state().title(), n.visits());
    } else {
      String outcome =
          n.state() == null
              ? "not executed"
              : n.state().invalid()
                  ? "INVALID: " + n.state().message()
                  : n.state().terminal()
                      ? String.format(Locale.ROOT, "terminal, reward %.3f", n.state().reward())
                      : n.state().title();
      System.out.printf(
          Locale.ROOT,
          "%s%s#%d %s  N=%d Q=%.3f critic=%.2f mix=%.3f logp=%.2f  -> %s%n",
          mark,
          "  ".repeat(depth),
          n.id(),
          n.proposal().command(),
          n.edgeVisits(),
          n.edgeValue(),
          n.criticValue(),
          tree.qMix(n),
          n.proposal().logLikelihood(),
          outcome);
    }
    for (int c : n.children()) {
      print(tree, tree.node(c), depth + 1, committed);
    }
  }
}
