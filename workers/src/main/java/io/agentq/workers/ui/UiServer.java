package io.agentq.workers.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentq.activities.cycle.CycleKeys;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.workers.commands.CycleCommand;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.StepState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engineers' read-only view of the store, on one local port: cycles with their steps and plots;
 * the episodes of a cycle, filtered by outcome; one episode's tree (visits, Q, critic value, the
 * committed path), where a node shows the page the agent saw, the proposals made there with the
 * critic's values, and the pairs made there, with its screenshot when the episode ran with {@code
 * --screens}; a failed Chromium episode links its Playwright trace. Nothing here writes to the
 * store.
 */
public final class UiServer implements AutoCloseable {
  private static final MustacheFactory TEMPLATES =
      new DefaultMustacheFactory("io/agentq/workers/ui");

  private final JsonArtifacts artifacts;
  private final HttpServer http;

  public UiServer(JsonArtifacts artifacts, int port) throws IOException {
    this.artifacts = artifacts;
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    http.createContext("/", this::handle);
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String[] parts = path.split("/");
      if (path.equals("/")) {
        html(ex, "index", index());
      } else if (parts.length == 3 && parts[1].equals("cycle")) {
        Optional<Map<String, Object>> m = cycle(parts[2], query.get("outcome"));
        if (m.isEmpty()) {
          notFound(ex, "no cycle " + parts[2]);
        } else {
          html(ex, "cycle", m.get());
        }
      } else if (parts.length == 3 && parts[1].equals("episode")) {
        Optional<Map<String, Object>> m = episode(parts[2]);
        if (m.isEmpty()) {
          notFound(ex, "no episode " + parts[2]);
        } else {
          html(ex, "episode", m.get());
        }
      } else if (parts.length == 5 && parts[1].equals("episode") && parts[3].equals("node")) {
        Optional<Map<String, Object>> m = node(parts[2], Integer.parseInt(parts[4]));
        if (m.isEmpty()) {
          notFound(ex, "no node " + parts[4] + " in episode " + parts[2]);
        } else {
          html(ex, "node", m.get());
        }
      } else if (path.startsWith("/file/") && served(path.substring("/file/".length()))) {
        String key = path.substring("/file/".length());
        Optional<byte[]> file = artifacts.store().get(key);
        if (file.isEmpty()) {
          notFound(ex, "no file " + path);
        } else {
          send(ex, 200, key.endsWith(".png") ? "image/png" : "application/zip", file.get());
        }
      } else {
        notFound(ex, "no page " + path);
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain; charset=utf-8", ("error: " + e).getBytes(StandardCharsets.UTF_8));
    } finally {
      ex.close();
    }
  }

  /** The files this view hands out as they are: plots, node screenshots, traces. */
  private static boolean served(String key) {
    return key.matches("reports/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\.png")
        || key.matches("episodes/[A-Za-z0-9._-]+/obs/[0-9a-f]+\\.png")
        || key.matches("episodes/[A-Za-z0-9._-]+/trace\\.zip");
  }

  private Map<String, Object> index() {
    List<Map<String, Object>> cycles = new ArrayList<>();
    for (String id : CycleKeys.cycles(artifacts.store())) {
      artifacts
          .get(CycleKeys.record(id), CycleRecord.class)
          .ifPresent(
              r -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", id);
                c.put("line", CycleCommand.line(r));
                c.put("status", r.status());
                cycles.add(c);
              });
    }
    return Map.of("cycles", cycles, "none", cycles.isEmpty());
  }

  private Optional<Map<String, Object>> cycle(String id, String outcome) {
    Optional<CycleRecord> found = artifacts.get(CycleKeys.record(id), CycleRecord.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CycleRecord r = found.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("line", CycleCommand.line(r));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepState s : r.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("step", s.step().label());
      step.put("status", s.status());
      step.put("seconds", s.seconds() > 0 ? String.format(Locale.ROOT, "%.1f", s.seconds()) : "");
      step.put("summary", s.summary() == null ? "" : s.summary());
      step.put("error", s.error());
      steps.add(step);
    }
    m.put("steps", steps);
    String dir = CycleKeys.reportDir(id);
    List<Map<String, Object>> plots = new ArrayList<>();
    for (String plot : List.of("success.png", "training.png")) {
      if (artifacts.store().get(dir + plot).isPresent()) {
        plots.add(Map.of("src", "/file/" + dir + plot));
      }
    }
    m.put("plots", plots);
    List<Map<String, Object>> episodes = new ArrayList<>();
    String prefix = StoreKeys.episodesStartingWith(id + "-");
    for (String key : artifacts.store().list(prefix)) {
      if (!key.endsWith("/manifest.json")) {
        continue;
      }
      JsonNode summary = artifacts.get(key, JsonNode.class).orElseThrow().get("summary");
      boolean success = summary.path("success").asBoolean();
      if (outcome != null
          && !(outcome.equals("success") && success)
          && !(outcome.equals("failure") && !success)) {
        continue;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      String episode = summary.path("episodeId").asText();
      e.put("id", episode);
      e.put("outcome", success ? "success" : "failure");
      e.put("score", String.format(Locale.ROOT, "%.3f", summary.path("score").asDouble()));
      e.put("steps", summary.path("steps").asInt());
      e.put("interactions", summary.path("interactions").asInt());
      episodes.add(e);
    }
    m.put("episodes", episodes);
    m.put("episodeCount", episodes.size());
    m.put("filter", outcome == null ? "all" : outcome);
    return Optional.of(m);
  }

  private Optional<Map<String, Object>> episode(String id) {
    String prefix = StoreKeys.episode(id);
    Optional<JsonNode> tree = artifacts.get(prefix + StoreKeys.TREE, JsonNode.class);
    Optional<JsonNode> manifest = artifacts.get(prefix + StoreKeys.MANIFEST, JsonNode.class);
    if (tree.isEmpty() || manifest.isEmpty()) {
      return Optional.empty();
    }
    JsonNode t = tree.get();
    Map<Integer, JsonNode> nodes = new HashMap<>();
    int start = 0;
    for (JsonNode n : t.path("nodes")) {
      nodes.put(n.path("id").asInt(), n);
      if (n.path("parent").asInt() == -1) {
        start = n.path("id").asInt();
      }
    }
    java.util.Set<Integer> committed = new java.util.HashSet<>();
    t.path("committed").forEach(c -> committed.add(c.asInt()));
    committed.add(start);
    Map<String, Object> m = new LinkedHashMap<>();
    JsonNode summary = manifest.get().get("summary");
    m.put("id", id);
    m.put("instruction", t.path("instruction").asText());
    m.put("outcome", summary.path("success").asBoolean() ? "success" : "failure");
    m.put("score", String.format(Locale.ROOT, "%.3f", summary.path("score").asDouble()));
    m.put("budget", summary.path("budget").asText());
    m.put("interactions", summary.path("interactions").asInt());
    List<String> actions = new ArrayList<>();
    summary.path("actions").forEach(a -> actions.add(a.asText()));
    m.put("actions", actions);
    String trace = ObservationStore.traceKey(id);
    if (artifacts.store().get(trace).isPresent()) {
      m.put("trace", "/file/" + trace);
    }
    m.put("root", nodeView(id, start, nodes, committed));
    return Optional.of(m);
  }

  /** A node and its subtree, for the nested view. */
  private Map<String, Object> nodeView(
      String episode, int id, Map<Integer, JsonNode> nodes, java.util.Set<Integer> committed) {
    JsonNode n = nodes.get(id);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("link", "/episode/" + episode + "/node/" + id);
    v.put("committed", committed.contains(id));
    int edgeVisits = n.path("edgeVisits").asInt();
    v.put(
        "label",
        String.format(
            Locale.ROOT,
            "#%d %s · visits %d · Q %s · critic %.3f · %s%s",
            id,
            n.path("proposal").isNull() || n.path("proposal").isMissingNode()
                ? "(start)"
                : n.at("/proposal/command").asText(),
            n.path("visits").asInt(),
            edgeVisits == 0
                ? "-"
                : String.format(Locale.ROOT, "%.3f", n.path("edgeValue").asDouble() / edgeVisits),
            n.path("criticValue").asDouble(),
            n.at("/state/title").asText("not executed"),
            n.at("/state/invalid").asBoolean() ? " · invalid" : ""));
    List<Map<String, Object>> children = new ArrayList<>();
    for (JsonNode c : n.path("children")) {
      children.add(nodeView(episode, c.asInt(), nodes, committed));
    }
    v.put("children", children);
    v.put("open", committed.contains(id));
    return v;
  }

  private Optional<Map<String, Object>> node(String episode, int id) {
    String prefix = StoreKeys.episode(episode);
    Optional<JsonNode> tree = artifacts.get(prefix + StoreKeys.TREE, JsonNode.class);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node = null;
    Map<Integer, JsonNode> nodes = new HashMap<>();
    for (JsonNode n : tree.get().path("nodes")) {
      nodes.put(n.path("id").asInt(), n);
      if (n.path("id").asInt() == id) {
        node = n;
      }
    }
    if (node == null) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("episode", episode);
    m.put("id", id);
    String obsKey = node.at("/state/observationKey").asText(null);
    JsonNode page = obsKey == null ? null : artifacts.get(obsKey, JsonNode.class).orElse(null);
    m.put("executed", page != null);
    if (page != null) {
      m.put("title", page.path("title").asText());
      m.put("url", page.path("url").asText());
      m.put("text", page.path("text").asText());
    }
    if (obsKey != null && artifacts.store().get(ObservationStore.screenKey(obsKey)).isPresent()) {
      m.put("screen", "/file/" + ObservationStore.screenKey(obsKey));
    }
    List<Map<String, Object>> proposals = new ArrayList<>();
    for (JsonNode c : node.path("children")) {
      JsonNode child = nodes.get(c.asInt());
      int ev = child.path("edgeVisits").asInt();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", child.path("id").asInt());
      p.put("link", "/episode/" + episode + "/node/" + child.path("id").asInt());
      p.put("command", child.at("/proposal/command").asText());
      p.put("thought", child.at("/proposal/thought").asText());
      p.put("critic", String.format(Locale.ROOT, "%.3f", child.path("criticValue").asDouble()));
      p.put("visits", child.path("visits").asInt());
      p.put(
          "q",
          ev == 0
              ? "-"
              : String.format(Locale.ROOT, "%.3f", child.path("edgeValue").asDouble() / ev));
      proposals.add(p);
    }
    m.put("proposals", proposals);
    List<Map<String, Object>> pairs = new ArrayList<>();
    artifacts
        .store()
        .get(prefix + StoreKeys.PAIRS)
        .ifPresent(
            bytes -> {
              for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                  continue;
                }
                try {
                  JsonNode d = JsonArtifacts.MAPPER.readTree(line).get("data");
                  if (d.path("nodeId").asInt() == id) {
                    pairs.add(
                        Map.of(
                            "preferred", d.at("/preferred/command").asText(),
                            "rejected", d.at("/rejected/command").asText(),
                            "gap",
                                String.format(
                                    Locale.ROOT,
                                    "%.3f",
                                    d.path("preferredValue").asDouble()
                                        - d.path("rejectedValue").asDouble())));
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            });
    m.put("pairs", pairs);
    return Optional.of(m);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static void html(HttpExchange ex, String template, Map<String, Object> model)
      throws IOException {
    Mustache m = TEMPLATES.compile(template + ".mustache");
    StringWriter out = new StringWriter();
    m.execute(out, model);
    send(ex, 200, "text/html; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void notFound(HttpExchange ex, String what) throws IOException {
    send(ex, 404, "text/plain; charset=utf-8", what.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
