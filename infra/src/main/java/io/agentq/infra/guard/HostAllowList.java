package io.agentq.infra.guard;

import io.agentq.core.InputException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts a browser may reach, each as {@code host:port} (the scheme's default port when a URL
 * gives none). URLs that load nothing from the network ({@code about:}, {@code data:}, {@code
 * blob:}) are always allowed.
 */
public final class HostAllowList {
  private final Set<String> hosts;

  private HostAllowList(Set<String> hosts) {
    this.hosts = Set.copyOf(hosts);
  }

  /**
   * The start URL's host and port, plus {@code others} (each {@code host:port}, or {@code host} for
   * port 80 and 443, or a URL).
   */
  public static HostAllowList of(String startUrl, List<String> others) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.addAll(authorities(startUrl, "the start URL"));
    for (String o : others) {
      hosts.addAll(o.contains("://") ? authorities(o, "allowed host") : parseHost(o));
    }
    return new HostAllowList(hosts);
  }

  public static HostAllowList of(String startUrl) {
    return of(startUrl, List.of());
  }

  public Set<String> hosts() {
    return hosts;
  }

  /** Whether the browser may load {@code url}. */
  public boolean allows(String url) {
    return authority(url).map(hosts::contains).orElse(true);
  }

  /**
   * The {@code host:port} that {@code url} loads from; empty for a URL that loads nothing from the
   * network. An http(s) URL without a host has authority "" (never allowed).
   */
  public static Optional<String> authority(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.of(""); // nothing to load from that we can name: refuse it
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")
        && !scheme.equals("https")
        && !scheme.equals("ws")
        && !scheme.equals("wss")) {
      return scheme.equals("about") || scheme.equals("data") || scheme.equals("blob")
          ? Optional.empty()
          : Optional.of(scheme + ":");
    }
    if (u.getHost() == null) {
      return Optional.of("");
    }
    int port = u.getPort();
    if (port < 0) {
      port = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }
    return Optional.of(u.getHost().toLowerCase(Locale.ROOT) + ":" + port);
  }

  private static Set<String> authorities(String url, String what) {
    Optional<String> a = authority(url);
    if (a.isEmpty() || !a.get().matches(".+:\\d+")) {
      throw new InputException(
          what
              + " '"
              + url
              + "' names no host to allow; give an http(s) URL such as http://127.0.0.1:3000/");
    }
    return Set.of(a.get());
  }

  private static Set<String> parseHost(String hostPort) {
    String h = hostPort.strip().toLowerCase(Locale.ROOT);
    if (h.isEmpty() || h.contains("/")) {
      throw new InputException(
          "allowed host '" + hostPort + "' is not host:port; give e.g. 127.0.0.1:3000 or a URL");
    }
    int colon = h.lastIndexOf(':');
    if (colon < 0) {
      return Set.of(h + ":80", h + ":443");
    }
    String port = h.substring(colon + 1);
    if (!port.matches("\\d{1,5}")) {
      throw new InputException(
          "allowed host '" + hostPort + "': '" + port + "' is not a port number");
    }
    return Set.of(h);
  }

  @Override
  public String toString() {
    return String.join(", ", hosts);
  }
}
