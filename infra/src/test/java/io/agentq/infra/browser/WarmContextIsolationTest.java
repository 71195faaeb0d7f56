package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpServer;
import io.agentq.infra.guard.HostAllowList;
import io.agentq.infra.guard.SiteGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Episodes that share a warm browser context see nothing of each other: a page that reports, then
 * sets, a cookie, local storage, session storage and an IndexedDB record, and the length of the
 * tab's history, sees none of them in the next episode, although that episode runs in the very same
 * context. A guarded or traced episode's context is not handed on.
 */
class WarmContextIsolationTest {
  /**
   * Reports what the origin remembers, then stores it everywhere; the page is ready once the
   * IndexedDB read and write are done.
   */
  private static final String STORE =
      "<!doctype html><html><head><title>Store</title></head><body data-agentq-ready=\"false\">"
          + "<p id=\"seen\"></p><script>"
          + "const seen = 'cookie=' + document.cookie + ' local=' + localStorage.getItem('k')"
          + " + ' session=' + sessionStorage.getItem('k') + ' history=' + history.length;"
          + "document.cookie = 'k=1; path=/'; localStorage.setItem('k', '1');"
          + " sessionStorage.setItem('k', '1');"
          + "const open = indexedDB.open('agentq', 1);"
          + "open.onupgradeneeded = () => open.result.createObjectStore('s');"
          + "open.onsuccess = () => {"
          + " const tx = open.result.transaction('s', 'readwrite');"
          + " const get = tx.objectStore('s').get('k');"
          + " get.onsuccess = () => {"
          + "  tx.objectStore('s').put('1', 'k');"
          + "  document.getElementById('seen').textContent = seen + ' idb=' + get.result;"
          + "  document.body.setAttribute('data-agentq-ready', 'true'); }; };"
          + "</script></body></html>";

  HttpServer site;
  Chromium chromium;

  @BeforeEach
  void start() {
    try {
      site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    site.createContext(
        "/",
        x -> {
          byte[] body = STORE.getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    site.start();
    chromium = new Chromium();
  }

  @AfterEach
  void stop() {
    chromium.close();
    site.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + site.getAddress().getPort() + path;
  }

  static String seen(PlaywrightDriver d) {
    String text = d.current().observation().text();
    return text.substring(text.indexOf("cookie="));
  }

  @Test
  void theNextEpisodeInTheSameContextSeesNothingOfTheLast() {
    var first = chromium.newDriver();
    first.open(url("/store"));
    String fresh = seen(first); // a new tab's history holds its blank page too
    assertEquals("cookie= local=null session=null history=2 idb=undefined", fresh);
    first.open(url("/store?again")); // the page does remember, within an episode
    assertEquals("cookie=k=1 local=1 session=1 history=3 idb=1", seen(first));
    var context = first.context();
    first.close();
    assertEquals(1, chromium.idleContexts());

    var second = chromium.newDriver();
    assertSame(context, second.context(), "the warm context is reused");
    second.open(url("/store"));
    assertEquals(fresh, seen(second));
    second.close();
  }

  @Test
  void guardedAndTracedContextsAreNotHandedOn() {
    var guarded = chromium.newDriver();
    guarded.guardWith(SiteGuard.live(HostAllowList.of(url("/"))));
    guarded.open(url("/store"));
    guarded.close();
    var traced = chromium.newDriver();
    assertNotSame(guarded.context(), traced.context());
    traced.startTrace();
    traced.open(url("/store"));
    traced.stopTrace();
    traced.close();
    assertEquals(0, chromium.idleContexts());
  }
}
