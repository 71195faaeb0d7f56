package io.agentq.environments.shop.decision;

import io.agentq.core.Action;
import io.agentq.core.Environment;
import io.agentq.core.Observation;
import io.agentq.core.StepResult;
import java.util.List;
import java.util.Optional;

/**
 * A shallow expert's test of one product, in a sandbox session: from the product's item page,
 * choose the options the instruction names ({@link NamedOptions}) and buy; the site's score of that
 * sandbox purchase says whether the product, bought that way, fulfils the instruction. Every click
 * and the purchase are environment interactions, counted; restoring the item page is not (the
 * search restores its nodes the same way).
 */
public final class PurchaseCheck {
  /** Option clicks before buying, at most: a page with more groups is bought as it stands. */
  static final int MAX_CHOICES = 6;

  /**
   * What a check found.
   *
   * @param success the sandbox purchase scored 1
   * @param score the site's score of it (0 when the page had no Buy Now)
   * @param interactions environment steps the check spent
   */
  public record Outcome(boolean success, double score, int interactions) {}

  private PurchaseCheck() {}

  /** Checks the product whose item page is at {@code itemUrl}, in {@code sandbox}. */
  public static Outcome itemAt(Environment sandbox, String itemUrl) {
    return from(sandbox, sandbox.restore(itemUrl), 0);
  }

  /** Opens a result from the results page at {@code resultsUrl}, then checks it (one more step). */
  public static Outcome resultAt(Environment sandbox, String resultsUrl, Action openResult) {
    sandbox.restore(resultsUrl);
    StepResult opened = sandbox.step(openResult);
    if (opened.invalid() || opened.done()) {
      return new Outcome(false, 0, 1);
    }
    return from(sandbox, opened.observation(), 1);
  }

  private static Outcome from(Environment sandbox, Observation page, int spent) {
    ShopInstruction instruction = ShopInstruction.of(sandbox.instruction().text());
    for (int i = 0; i < MAX_CHOICES; i++) {
      ShopPage read = ShopPage.read(page);
      if (read.item() == null) {
        return new Outcome(false, 0, spent);
      }
      List<ShopPage.OptionValue> left = NamedOptions.toClick(read.item(), instruction);
      if (left.isEmpty()) {
        break;
      }
      page = sandbox.step(new Action.Click(left.get(0).elementId())).observation();
      spent++;
    }
    Optional<io.agentq.core.PageElement> buy = page.elementLabelled("Buy Now");
    if (buy.isEmpty()) {
      return new Outcome(false, 0, spent);
    }
    StepResult bought = sandbox.step(new Action.Click(buy.get().id()));
    spent++;
    return new Outcome(bought.done() && bought.reward() == 1.0, bought.reward(), spent);
  }
}
