package io.agentq.infra.guard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An arbitrary web site served by a test on 127.0.0.1 (the JDK's HTTP server): fixed pages and
 * redirects by path, and a log of every request it received ("METHOD /path"), with its headers.
 */
final class LocalSite implements AutoCloseable {
  /** One request the site received. */
  record Received(String method, String path, Map<String, List<String>> headers) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  LocalSite() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves {@code html} (a page's body and head, wrapped) at {@code path}, for any method. */
  LocalSite page(String path, String title, String body) {
    pages.put(
        path,
        "<!doctype html><html><head><title>"
            + title
            + "</title></head><body>"
            + body
            + "</body></html>");
    return this;
  }

  /** Answers {@code path} with 303 See Other to {@code location}. */
  LocalSite redirect(String path, String location) {
    redirects.put(path, location);
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  long count(String method, String path) {
    return received.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .count();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    received.add(new Received(x.getRequestMethod(), path, Map.copyOf(x.getRequestHeaders())));
    x.getRequestBody().readAllBytes();
    String to = redirects.get(path);
    if (to != null) {
      x.getResponseHeaders().add("Location", to);
      x.sendResponseHeaders(303, -1);
      x.close();
      return;
    }
    String page = pages.get(path);
    byte[] body =
        (page == null
                ? "<!doctype html><html><head><title>Not found</title></head><body>no page "
                    + path
                    + "</body></html>"
                : page)
            .getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    x.sendResponseHeaders(page == null ? 404 : 200, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
