package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import org.junit.jupiter.api.Test;

class PageDistillerTest {
  private final PageDistiller distiller = new PageDistiller();

  @Test
  void visibleTextInReadingOrderWithElementsInlined() {
    String html =
        "<html><head><title>T</title><meta name=\"agentq:terminal\" content=\"true\">"
            + "<meta name=\"agentq:reward\" content=\"0.5\"><script>var x=1;</script></head><body>"
            + "<h1>Hello   world</h1><p>Pick <a href=\"/a\">one thing</a> now.</p>"
            + "<div hidden>secret</div><div style=\"display: none\">also secret</div>"
            + "<form action=\"/f\" method=\"post\"><input type=\"hidden\" name=\"h\" value=\"1\">"
            + "<input type=\"text\" name=\"q\" placeholder=\"Search\">"
            + "<input type=\"radio\" name=\"r\" value=\"x\" checked aria-label=\"Red\">"
            + "<button>Go</button></form><a>no href</a></body></html>";
    DistilledPage page = distiller.distill("http://127.0.0.1/x", html);
    Observation o = page.observation();
    assertEquals("T", o.title());
    assertEquals(
        "Hello world\nPick\n[1] link \"one thing\"\nnow.\n[2] textbox \"Search\"\n"
            + "[3] radio \"Red\" (selected)\n[4] button \"Go\"\nno href",
        o.text());
    assertEquals(4, o.elements().size());
    assertEquals(new PageElement(3, "radio", "Red", true), o.elements().get(2));
    assertEquals("http://127.0.0.1/a", page.targets().get(1).href());
    ElementTarget go = page.targets().get(4);
    assertEquals("submit", go.kind());
    assertEquals("post", go.form().method());
    assertEquals("http://127.0.0.1/f", go.form().action());
    assertEquals(3, go.form().fields().size(), "hidden, text and the checked radio");
    assertTrue(page.terminal());
    assertEquals(0.5, page.reward());
    assertFalse(o.text().contains("secret"));
  }

  @Test
  void idsAreStableForTheSamePage() {
    String html =
        "<body><a href=\"/1\">a</a><button>b</button><select name=s><option>x</select></body>";
    assertEquals(
        distiller.distill("http://h/", html).observation(),
        distiller.distill("http://h/", html).observation());
  }
}
