package io.agentq.environments.shop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Escaping and URL helpers for the shop's server-rendered pages; {@link #esc}, {@link #enc} and
 * {@link #query} serve the booking site too.
 */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A query string from ordered parameters, each value URL-encoded. */
  public static String query(Map<String, String> params) {
    StringBuilder q = new StringBuilder();
    params.forEach(
        (k, v) -> q.append(q.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v)));
    return q.toString();
  }

  static String page(String title, String instruction, String body) {
    return page(title, instruction, body, "");
  }

  /** A page with extra elements in its head (e.g. the agentq:* facts of a terminal page). */
  static String page(String title, String instruction, String body, String head) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + head
        + "<title>"
        + esc(title)
        + "</title><style>"
        + "body{font-family:sans-serif;max-width:60em;margin:1em auto}"
        + ".instruction{background:#eef;padding:.5em}"
        + "a.option{border:1px solid #888;padding:.1em .5em;margin:.2em;display:inline-block}"
        + "a.option.selected{background:#336;color:#fff}"
        + ".result{margin:.6em 0}"
        + "</style></head><body>"
        + (instruction == null
            ? ""
            : "<div class=\"instruction\">Instruction: " + esc(instruction) + "</div>")
        + body
        + "</body></html>";
  }
}
