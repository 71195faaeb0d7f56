package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentq.core.Action;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser reads a page once it is ready: a page that declares its readiness ({@value
 * PlaywrightDriver#READY_MARK}) is read when its script signals it, even long after its load event;
 * a page that declares nothing is read after its load event (not at DOMContentLoaded), so controls
 * a script adds by then are seen; and a page that builds its controls at DOMContentLoaded, as a
 * script-rendered booking form does, is read with them.
 */
class PageReadinessTest {
  private static final Map<String, String> PAGES =
      Map.of(
          "/late",
          "<!doctype html><html><head><title>Late</title></head>"
              + "<body data-agentq-ready=\"false\"><p>Loading rooms</p><script>"
              + "setTimeout(() => {"
              + " document.body.insertAdjacentHTML('beforeend', '<button>Book room 12</button>');"
              + " document.body.setAttribute('data-agentq-ready', 'true'); }, 700);"
              + "</script></body></html>",
          "/image",
          "<!doctype html><html><head><title>Image</title></head><body>"
              + "<img src=\"/slow.png\" alt=\"\" onload=\"document.body.insertAdjacentHTML("
              + "'beforeend', '<a href=&quot;/late&quot;>After the image</a>')\"></body></html>",
          "/form",
          "<!doctype html><html><head><title>Form</title></head><body><div id=\"app\"></div>"
              + "<script>document.addEventListener('DOMContentLoaded', () => {"
              + " document.getElementById('app').innerHTML ="
              + "  '<form action=\"/late\"><input name=\"guest\" aria-label=\"Guest\">"
              + "<button>Continue</button></form>'; });</script></body></html>");

  /** A 1x1 transparent GIF, whatever the name says: the browser sniffs images. */
  private static final byte[] PIXEL =
      java.util.Base64.getDecoder()
          .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  static HttpServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        x -> {
          String path = x.getRequestURI().getPath();
          byte[] body;
          if (path.equals("/slow.png")) {
            try {
              Thread.sleep(700); // the load event waits for it; DOMContentLoaded does not
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            body = PIXEL;
            x.getResponseHeaders().set("Content-Type", "image/gif");
          } else {
            body = PAGES.getOrDefault(path, "<p>none</p>").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          }
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() {
    chromium.close();
    server.stop(0);
  }

  static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  static boolean shows(Observation o, String label) {
    return o.elements().stream().map(PageElement::label).anyMatch(label::equals);
  }

  @Test
  void aPageThatDeclaresItsReadinessIsReadWhenItSignalsIt() {
    try (PlaywrightDriver d = chromium.newDriver()) {
      Observation o = d.open(url("/late")).observation();
      assertTrue(shows(o, "Book room 12"), o.text());
    }
  }

  @Test
  void aPageThatDeclaresNothingIsReadAfterItsLoadEvent() {
    try (PlaywrightDriver d = chromium.newDriver()) {
      Observation o = d.open(url("/image")).observation();
      assertTrue(shows(o, "After the image"), o.text());
      // A click that leads to a page with a readiness mark waits for it too.
      Observation next =
          d.click(
                  d.current()
                      .targets()
                      .get(o.elementLabelled("After the image").orElseThrow().id()))
              .observation();
      assertEquals("Late", next.title());
      assertTrue(shows(next, "Book room 12"), next.text());
    }
  }

  @Test
  void controlsAScriptBuildsAtDomContentLoadedAreSeen() {
    try (WebEnvironment env =
        new WebEnvironment(
            chromium.newDriver(), new io.agentq.core.Instruction("book"), url("/form"))) {
      Observation o = env.reset();
      assertTrue(shows(o, "Guest") && shows(o, "Continue"), o.text());
      int guest = o.elementLabelled("Guest").orElseThrow().id();
      Observation next = env.step(new Action.Type(guest, "Ada")).observation();
      assertEquals("Late", next.title());
      assertTrue(shows(next, "Book room 12"), next.text());
    }
  }
}
