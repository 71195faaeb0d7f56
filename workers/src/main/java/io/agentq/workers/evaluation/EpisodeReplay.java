package io.agentq.workers.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.activities.training.TaskSite;
import io.agentq.core.ActionParser;
import io.agentq.core.Environment;
import io.agentq.core.Episode;
import io.agentq.core.InputException;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Re-executes a searched episode's committed trajectory in a fresh sandbox session (scored, never
 * an order: nothing live or irreversible happens) and compares every page with the one the agent
 * saw, kept in the store: the first page that differs is the divergence.
 */
public final class EpisodeReplay {
  private final JsonArtifacts artifacts;
  private final TaskSite site;

  public EpisodeReplay(JsonArtifacts artifacts, TaskSite site) {
    this.artifacts = artifacts;
    this.site = site;
  }

  /**
   * Where a replay first saw another page.
   *
   * @param step the trajectory step whose page differs (0: the start page)
   * @param command the command executed before it (null at the start page)
   * @param missing lines of the stored page the replay no longer shows
   * @param added lines the replay shows that the stored page did not
   */
  public record Divergence(
      int step,
      int nodeId,
      String command,
      String storedTitle,
      String replayedTitle,
      List<String> missing,
      List<String> added) {}

  /** What a replay found: the steps compared, and the first divergence (null: none). */
  public record Result(
      String episodeId, int taskId, int steps, String sandbox, Divergence divergence) {}

  public Result replay(String episodeId, String sandboxId) {
    String prefix = StoreKeys.episode(episodeId);
    JsonNode request =
        artifacts
            .get(prefix + StoreKeys.REQUEST, JsonNode.class)
            .orElseThrow(
                () ->
                    new InputException(
                        "episode "
                            + episodeId
                            + ": not in the store (a searched episode's id, e.g. RUN-t42)"));
    JsonNode tree =
        artifacts
            .get(prefix + StoreKeys.TREE, JsonNode.class)
            .orElseThrow(
                () ->
                    new InputException("episode " + episodeId + ": no tree.json (not finished?)"));
    Episode trajectory =
        artifacts
            .get(prefix + StoreKeys.TRAJECTORY, Episode.class)
            .orElseThrow(
                () ->
                    new InputException(
                        "episode " + episodeId + ": no trajectory.json (not finished?)"));
    int task = request.path("taskId").asInt();
    Map<Integer, String> observationOf = new HashMap<>();
    int start = -1;
    for (JsonNode n : tree.path("nodes")) {
      observationOf.put(n.path("id").asInt(), n.at("/state/observationKey").asText(null));
      if (n.path("parent").asInt() == -1) {
        start = n.path("id").asInt();
      }
    }
    // The pages name their session (a confirmation code, say): the stored episode's live or
    // sandbox session and the replay's own count as the same.
    Pattern session =
        Pattern.compile(
            "(?:(?:live|sbx)-"
                + Pattern.quote(episodeId)
                + "[\\w-]*|"
                + Pattern.quote(sandboxId)
                + ")");
    try (Environment env = site.sandbox(task, sandboxId)) {
      Divergence d = compare(0, start, null, observationOf.get(start), env.reset(), session);
      if (d != null) {
        return new Result(episodeId, task, 0, sandboxId, d);
      }
      int steps = 0;
      for (Episode.Step s : trajectory.steps()) {
        steps++;
        String command = s.command();
        Observation now = env.step(ActionParser.parse(command)).observation();
        int node = s.node().id();
        d = compare(s.step(), node, command, observationOf.get(node), now, session);
        if (d != null) {
          return new Result(episodeId, task, steps, sandboxId, d);
        }
      }
      return new Result(episodeId, task, steps, sandboxId, null);
    }
  }

  private Divergence compare(
      int step, int node, String command, String storedKey, Observation replayed, Pattern session) {
    if (storedKey == null) {
      throw new IllegalStateException("node " + node + " of the tree keeps no observation key");
    }
    Observation stored =
        artifacts
            .get(storedKey, Observation.class)
            .orElseThrow(() -> new IllegalStateException("no stored page at " + storedKey));
    List<String> before = lines(stored, session);
    List<String> after = lines(replayed, session);
    if (before.equals(after)) {
      return null;
    }
    Set<String> missing = new LinkedHashSet<>(before);
    after.forEach(missing::remove);
    Set<String> added = new LinkedHashSet<>(after);
    before.forEach(added::remove);
    return new Divergence(
        step,
        node,
        command,
        stored.title(),
        replayed.title(),
        List.copyOf(missing),
        List.copyOf(added));
  }

  /** A page as compared: its title, its text and its elements (role, label, selected). */
  static List<String> lines(Observation o, Pattern session) {
    List<String> out = new ArrayList<>();
    out.add("title: " + o.title());
    for (String line : o.text().split("\n")) {
      out.add(session.matcher(line).replaceAll("<session>"));
    }
    for (PageElement e : o.elements()) {
      out.add(
          "element "
              + e.id()
              + " "
              + e.role()
              + " \""
              + e.label()
              + "\""
              + (e.selected() ? " selected" : ""));
    }
    return out;
  }
}
