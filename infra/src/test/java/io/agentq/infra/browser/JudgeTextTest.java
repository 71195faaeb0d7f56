package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The judge's text of a page: the observation's text less every line that holds what the site marks
 * as its own; the observation itself is unchanged by the marks.
 */
class JudgeTextTest {
  private final PageDistiller distiller = new PageDistiller();

  @Test
  void theShopsScoreSentenceLeavesTheJudgeTextAndStaysInTheObservation() {
    String html =
        "<body><h1>Thank you for shopping with us!</h1><p>Your code: abc</p>"
            + "<p>Purchased: Red Mug (B01)</p>"
            + "<p>Your score (min 0.0, max 1.0): <span id=\"agentq-reward\">0.75</span></p>"
            + "<p>Come again</p></body>";
    DistilledPage page = distiller.distill("http://h/done", html);
    assertEquals(
        "Thank you for shopping with us!\nYour code: abc\nPurchased: Red Mug (B01)\n"
            + "Your score (min 0.0, max 1.0): 0.75\nCome again",
        page.observation().text());
    assertEquals(
        "Thank you for shopping with us!\nYour code: abc\nPurchased: Red Mug (B01)\nCome again",
        page.judgeText());
  }

  @Test
  void aMarkedBlockAndAMarkedLinkGoWithTheirLinesOnly() {
    String html =
        "<body><p>before</p><div data-agentq-private><p>internal one</p>internal two</div>"
            + "<p>between <a href=\"/x\" data-agentq-private>ops</a></p><p>after</p></body>";
    DistilledPage page = distiller.distill("http://h/", html);
    assertEquals(
        "before\ninternal one\ninternal two\nbetween\n[1] link \"ops\"\nafter",
        page.observation().text());
    assertEquals("before\nbetween\nafter", page.judgeText());
  }

  @Test
  void aPageWithoutMarksReadsTheSame() {
    DistilledPage page = distiller.distill("http://h/", "<body><p>a <b>b</b></p><p>c</p></body>");
    assertEquals(page.observation().text(), page.judgeText());
  }
}
