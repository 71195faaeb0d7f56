package io.agentq.infra.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.InputException;
import io.agentq.core.Instruction;
import io.agentq.core.StepResult;
import io.agentq.infra.browser.Chromium;
import io.agentq.infra.browser.HttpDriver;
import io.agentq.infra.browser.WebEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser stays on the allow-list: a link that redirects to another host, a script that sets
 * {@code window.location} to another origin, and a form whose POST is answered by a redirect to
 * another host are each refused and logged, and the page stays on the allowed host. The "other
 * host" is a second local server on another port.
 */
class HostAllowListTest {
  static Chromium chromium;
  LocalSite site;
  LocalSite elsewhere;

  @BeforeAll
  static void startBrowser() {
    chromium = new Chromium();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  /** Fresh servers per test, so each test counts only its own requests. */
  @BeforeEach
  void startSites() {
    elsewhere = new LocalSite().page("/landing", "Elsewhere", "<p>another host</p>");
    site = new LocalSite();
    site.page(
            "/",
            "Start",
            "<a href=\"/away\">Special offer</a> <a href=\"/hop\">Next page</a>"
                + " <button type=\"button\" onclick=\"window.location='"
                + elsewhere.url("/landing")
                + "'\">Open partner</button>"
                + "<form method=\"post\" action=\"/send\"><button type=\"submit\">Send</button>"
                + "</form>")
        .page(
            "/second",
            "Second",
            "<p>still here</p><button type=\"button\" onclick=\"window.location='"
                + elsewhere.url("/landing")
                + "'\">Leave</button>")
        .redirect("/away", elsewhere.url("/landing"))
        .redirect("/hop", "/second")
        .redirect("/send", elsewhere.url("/landing"));
  }

  @AfterEach
  void stopSites() {
    site.close();
    elsewhere.close();
  }

  private WebEnvironment guarded(SiteGuard guard) {
    return new WebEnvironment(chromium.newDriver(), new Instruction("browse"), site.url("/"))
        .guardedBy(guard);
  }

  private String otherHost() {
    return HostAllowList.authority(elsewhere.url("/")).orElseThrow();
  }

  @Test
  void aLinkThatRedirectsToAnotherHostIsRefusedBeforeItGetsThere() {
    SiteGuard guard = SiteGuard.live(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = guarded(guard)) {
      env.reset();
      StepResult r = env.step(new Action.ClickLabel("Special offer"));
      assertTrue(r.invalid(), r.message());
      assertTrue(r.message().contains(otherHost()), r.message());
      assertEquals(site.url("/"), r.observation().url());
      assertEquals("Start", env.observation().title());
      assertEquals(0, elsewhere.received().size(), "the other host was reached");
      List<GuardEvent> refused = guard.refusals();
      assertEquals(1, refused.size(), refused.toString());
      assertEquals(elsewhere.url("/landing"), refused.get(0).url());
      assertEquals("click[Special offer]", refused.get(0).action());
      // A redirect within the site is followed as usual.
      StepResult hop = env.step(new Action.ClickLabel("Next page"));
      assertFalse(hop.invalid(), hop.message());
      assertEquals(site.url("/second"), hop.observation().url());
    }
  }

  @Test
  void windowLocationToAnotherOriginIsRefused() {
    SiteGuard guard = SiteGuard.live(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = guarded(guard)) {
      env.reset();
      StepResult r = env.step(new Action.ClickLabel("Open partner"));
      assertTrue(r.invalid(), r.message());
      assertTrue(r.message().contains(otherHost()), r.message());
      assertEquals(site.url("/"), env.stateUrl());
      assertEquals("Start", env.observation().title());
      assertEquals(0, elsewhere.received().size(), "the other host was reached");
      assertEquals(1, guard.refusals().size(), guard.refusals().toString());
      // The page is usable afterwards.
      assertFalse(env.step(new Action.ClickLabel("Next page")).invalid());
    }
  }

  @Test
  void afterARefusalBackGoesToThePageBefore() {
    SiteGuard guard = SiteGuard.live(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = guarded(guard)) {
      env.reset();
      env.step(new Action.ClickLabel("Next page"));
      StepResult r = env.step(new Action.ClickLabel("Leave"));
      assertTrue(r.invalid(), r.message());
      assertEquals(site.url("/second"), env.stateUrl());
      StepResult back = env.step(new Action.Back());
      assertFalse(back.invalid(), back.message());
      assertEquals(site.url("/"), back.observation().url());
    }
  }

  @Test
  void theHttpDriverCannotBeGuarded() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new WebEnvironment(new HttpDriver(), new Instruction("x"), site.url("/"))
                    .guardedBy(SiteGuard.sandbox(HostAllowList.of(site.url("/")))));
    assertTrue(e.getMessage().contains("use the playwright driver"), e.getMessage());
  }

  @Test
  void aPageThatEndsOnAnotherHostAnywayIsRefusedAndPutBack() {
    // A POST answered by a redirect: the browser follows it without asking the route, so the
    // page's URL after the step is what catches it.
    SiteGuard guard = SiteGuard.live(HostAllowList.of(site.url("/")));
    try (WebEnvironment env = guarded(guard)) {
      env.reset();
      StepResult r = env.step(new Action.ClickLabel("Send"));
      assertTrue(r.invalid(), r.message());
      assertTrue(r.message().contains(otherHost()), r.message());
      assertEquals(site.url("/"), env.stateUrl());
      assertEquals(1, guard.refusals().size(), guard.refusals().toString());
    }
  }

  @Test
  void anAllowedHostCanBeAdded() {
    HostAllowList both = HostAllowList.of(site.url("/"), List.of(otherHost()));
    assertTrue(both.allows(elsewhere.url("/landing")));
    assertFalse(HostAllowList.of(site.url("/")).allows(elsewhere.url("/landing")));
    assertTrue(HostAllowList.of("https://shop.example/").allows("https://shop.example:443/x"));
    assertFalse(HostAllowList.of("https://shop.example/").allows("http://shop.example/x"));
    assertTrue(HostAllowList.of(site.url("/")).allows("data:text/html,hi"));
    InputException bad =
        assertThrows(
            InputException.class, () -> HostAllowList.of(site.url("/"), List.of("host:port")));
    assertTrue(bad.getMessage().contains("'port' is not a port number"), bad.getMessage());
  }
}
