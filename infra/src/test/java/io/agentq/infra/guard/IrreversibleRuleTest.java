package io.agentq.infra.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.InputException;
import io.agentq.core.Instruction;
import io.agentq.infra.browser.Chromium;
import io.agentq.infra.browser.WebEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configurable rule marks actions irreversible on an arbitrary page: a "Complete reservation"
 * button by its text and role, a form by its action's URL, never a "Search" button; a marked click
 * goes out under an idempotency key as the built-in sites' marked clicks do. Bad rule JSON names
 * the rule, the field and what is wrong.
 */
class IrreversibleRuleTest {
  static final String RULES =
      "[{\"text\": \"complete reservation|place order|buy now|\\\\bpay\\\\b\","
          + " \"roles\": [\"button\", \"link\"]},"
          + " {\"url\": \"/checkout\"}]";
  static Chromium chromium;
  static LocalSite site;

  @BeforeAll
  static void start() {
    chromium = new Chromium();
    site = new LocalSite();
    site.page(
            "/",
            "Book a table",
            "<form method=\"get\" action=\"/search\"><input name=\"q\" aria-label=\"Restaurant\">"
                + "<button type=\"submit\">Search</button></form>"
                + "<form method=\"post\" action=\"/reserve\"><button type=\"submit\">Complete"
                + " reservation</button></form>"
                + "<form method=\"post\" action=\"/checkout/confirm\"><input name=\"card\""
                + " aria-label=\"Card number\"><button type=\"submit\">Continue</button></form>"
                + "<a href=\"/menu\">Menu</a>")
        .page("/reserve", "Reserved", "<p>done</p>");
  }

  @AfterAll
  static void stop() {
    chromium.close();
    site.close();
  }

  @Test
  void theRuleMarksByTextRoleAndUrlAndLeavesTheRest() {
    IrreversibleRules rules = IrreversibleRules.parse(RULES, "test rules");
    try (WebEnvironment env =
        new WebEnvironment(chromium.newDriver(), new Instruction("book"), site.url("/"))
            .withIrreversibleRules(rules)) {
      env.reset();
      assertTrue(env.irreversible(new Action.ClickLabel("Complete reservation")));
      assertTrue(env.irreversible(new Action.ClickLabel("Continue")), "form action /checkout");
      int card = env.observation().elementLabelled("Card number").orElseThrow().id();
      assertTrue(env.irreversible(new Action.Type(card, "4242")), "Enter submits /checkout");
      assertFalse(env.irreversible(new Action.ClickLabel("Search")));
      assertFalse(env.irreversible(new Action.Search("sushi")));
      assertFalse(env.irreversible(new Action.ClickLabel("Menu")));
    }
    try (WebEnvironment noRules =
        new WebEnvironment(chromium.newDriver(), new Instruction("book"), site.url("/"))) {
      noRules.reset();
      assertFalse(noRules.irreversible(new Action.ClickLabel("Complete reservation")));
    }
  }

  @Test
  void aMarkedClickGoesOutUnderItsKey() {
    try (WebEnvironment env =
        new WebEnvironment(chromium.newDriver(), new Instruction("book"), site.url("/"))
            .withIrreversibleRules(IrreversibleRules.parse(RULES, "test rules"))
            .sendingKeys("e1", n -> "e1:irreversible:" + n)) {
      env.reset();
      assertEquals(
          "Reserved",
          env.step(new Action.ClickLabel("Complete reservation")).observation().title());
    }
    LocalSite.Received post =
        site.received().stream().filter(r -> r.path().equals("/reserve")).findFirst().orElseThrow();
    assertEquals(List.of("e1:irreversible:1"), post.headers().get("Idempotency-key"));
  }

  @Test
  void badRulesSayWhichRuleAndFieldAndWhatIsWrong() {
    assertEquals(
        "rules.json: rule 2: text: 'buy (now' is not a regular expression (Unclosed group near"
            + " index 8)",
        bad("[{\"url\": \"/checkout\"}, {\"text\": \"buy (now\"}]"));
    assertEquals(
        "rules.json: rule 1: unknown field 'label' (the fields are text, roles, url, page)",
        bad("[{\"label\": \"buy\"}]"));
    assertEquals(
        "rules.json: rule 1: roles: 'knob' is not a role (use one of link, button, submit,"
            + " textbox, select, radio, checkbox)",
        bad("[{\"roles\": [\"knob\"]}]"));
    assertTrue(bad("[{}]").contains("rule 1: gives none of text, roles, url, page"));
    assertTrue(bad("{\"text\": \"buy\"}").contains("must be a JSON list of objects"));
    assertTrue(bad("[{\"url\": 3}]").contains("rule 1: url must be a string"));
    assertTrue(bad("[{\"text\": \"\"}]").contains("rule 1: text: the pattern is empty"));
    assertTrue(bad("[{\"text\": ").startsWith("rules.json: not JSON"));
  }

  private static String bad(String json) {
    return assertThrows(InputException.class, () -> IrreversibleRules.parse(json, "rules.json"))
        .getMessage();
  }
}
