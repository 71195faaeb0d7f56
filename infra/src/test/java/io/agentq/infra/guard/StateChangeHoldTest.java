package io.agentq.infra.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.Instruction;
import io.agentq.core.StepResult;
import io.agentq.infra.browser.Chromium;
import io.agentq.infra.browser.WebEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On an arbitrary page (not a built-in site, no sandbox of its own), a sandbox session holds the
 * page's state-changing requests (a form POST, a script's POST and DELETE): the server never
 * receives them, and each is logged with its method, URL and the action that caused it. On the
 * committed path (live) the same requests reach the server.
 */
class StateChangeHoldTest {
  static Chromium chromium;
  LocalSite site;

  @BeforeAll
  static void startBrowser() {
    chromium = new Chromium();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  @BeforeEach
  void startSite() {
    site = new LocalSite();
    site.page(
            "/",
            "Table for two",
            "<form method=\"post\" action=\"/order\"><input type=\"hidden\" name=\"table\""
                + " value=\"7\"><button type=\"submit\">Place order</button></form>"
                + "<button type=\"button\" onclick=\"fetch('/api/save', {method: 'POST', body:"
                + " 'x'}).then(r => document.getElementById('status').textContent = 'saved ' +"
                + " r.status, e => document.getElementById('status').textContent ="
                + " 'not saved')\">Save</button>"
                + "<button type=\"button\" onclick=\"fetch('/api/item/1', {method: 'DELETE'})"
                + ".then(r => document.getElementById('status').textContent = 'deleted ' +"
                + " r.status, e => document.getElementById('status').textContent ="
                + " 'not deleted')\">Delete</button>"
                + "<form method=\"get\" action=\"/search\"><input name=\"q\"><button"
                + " type=\"submit\">Search</button></form><p id=\"status\">-</p>")
        .page("/order", "Ordered", "<p>order placed</p>")
        .page("/search", "Results", "<p>results</p>")
        .page("/api/save", "saved", "ok")
        .page("/api/item/1", "deleted", "ok");
  }

  @org.junit.jupiter.api.AfterEach
  void stopSite() {
    site.close();
  }

  private WebEnvironment session(SiteGuard guard) {
    return new WebEnvironment(chromium.newDriver(), new Instruction("order"), site.url("/"))
        .guardedBy(guard);
  }

  @Test
  void aSandboxSessionHoldsFormPostsAndScriptRequests() {
    SiteGuard guard = SiteGuard.sandbox(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = session(guard)) {
      env.reset();
      StepResult order = env.step(new Action.ClickLabel("Place order"));
      assertFalse(order.invalid(), order.message());
      assertTrue(
          order.message().contains("held in the sandbox: POST " + site.url("/order")),
          order.message());
      assertEquals(site.url("/"), order.observation().url(), "a held form leaves the page");
      StepResult save = env.step(new Action.ClickLabel("Save"));
      assertTrue(save.message().contains("POST " + site.url("/api/save")), save.message());
      StepResult delete = env.step(new Action.ClickLabel("Delete"));
      assertTrue(delete.message().contains("DELETE " + site.url("/api/item/1")), delete.message());
      assertTrue(delete.observation().text().contains("not deleted"), delete.observation().text());
      // A GET goes through in a sandbox too.
      StepResult search = env.step(new Action.Search("window seat"));
      assertEquals("Results", search.observation().title());
    }
    assertEquals(0, site.count("POST", "/order"), site.received().toString());
    assertEquals(0, site.count("POST", "/api/save"), site.received().toString());
    assertEquals(0, site.count("DELETE", "/api/item/1"), site.received().toString());
    assertEquals(1, site.count("GET", "/search"));
    List<GuardEvent> held = guard.holds();
    assertEquals(3, held.size(), held.toString());
    assertEquals(List.of("POST", "POST", "DELETE"), held.stream().map(GuardEvent::method).toList());
    assertEquals(
        List.of(site.url("/order"), site.url("/api/save"), site.url("/api/item/1")),
        held.stream().map(GuardEvent::url).toList());
    assertEquals(
        List.of("click[Place order]", "click[Save]", "click[Delete]"),
        held.stream().map(GuardEvent::action).toList());
    assertTrue(held.get(0).navigation() && !held.get(1).navigation());
  }

  @Test
  void theCommittedPathSendsThem() {
    SiteGuard guard = SiteGuard.live(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = session(guard)) {
      env.reset();
      StepResult save = env.step(new Action.ClickLabel("Save"));
      assertEquals("ok", save.message());
      StepResult order = env.step(new Action.ClickLabel("Place order"));
      assertEquals("Ordered", order.observation().title(), order.message());
    }
    assertEquals(1, site.count("POST", "/order"), site.received().toString());
    assertEquals(1, site.count("POST", "/api/save"), site.received().toString());
    assertTrue(guard.events().isEmpty(), guard.events().toString());
  }
}
