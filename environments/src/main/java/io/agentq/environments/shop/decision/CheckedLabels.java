package io.agentq.environments.shop.decision;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Environment;
import io.agentq.core.PageElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Labels for the pages of a policy's own episode on the shop, from sandbox purchases (DAgger with a
 * shallow expert, {@link PurchaseCheck}):
 *
 * <ul>
 *   <li>on an item page, the product is checked; if it fulfils the instruction the label is the
 *       next option the instruction names (or Buy Now when they are chosen), otherwise "&lt; Prev",
 *       back to the results;
 *   <li>on a results page, the policy's {@code topResults} favourite products are checked in its
 *       order; the label is the first that fulfils the instruction; when none does, the label is
 *       the next page of results, or back to the search (another query) on the last page: a shallow
 *       expert moves on rather than open again what its checks rejected.
 * </ul>
 *
 * A product is checked once per episode. Search pages get no label. Only what an agent may see is
 * read, the sandbox's score apart: the options to choose come from the instruction and the page.
 */
public final class CheckedLabels {
  /** A label: at the episode's step {@code step}, the action to take, and why. */
  public record Label(int step, Action action, String why) {}

  /**
   * The labels of one episode and what checking cost.
   *
   * @param interactions environment steps the checks spent (the episode's own not included)
   * @param checks products checked
   */
  public record Result(List<Label> labels, int interactions, int checks, int fulfilling) {
    public Result {
      labels = List.copyOf(labels);
    }
  }

  private CheckedLabels() {}

  /**
   * @param sandbox the episode's own sandbox session (its pages are restored from their URLs)
   * @param states the episode's states, in step order
   * @param resultRanking the policy's order of a results page's actions, best first
   * @param topResults how many of a results page's products are checked at most, in the policy's
   *     order (a page of 10 results checked whole can be labelled "next page")
   */
  public static Result label(
      Environment sandbox,
      List<AgentState> states,
      Function<AgentState, List<Action>> resultRanking,
      int topResults) {
    Map<String, PurchaseCheck.Outcome> checked = new HashMap<>();
    List<Label> labels = new ArrayList<>();
    int spent = 0;
    int fulfilling = 0;
    for (int step = 0; step < states.size(); step++) {
      AgentState state = states.get(step);
      ShopPage page = ShopPage.read(state.page());
      if (page.kind() == ShopPage.Kind.ITEM && page.item() != null) {
        String asin = page.itemAsin().orElse(state.page().url());
        PurchaseCheck.Outcome o = checked.get(asin);
        if (o == null) {
          o = PurchaseCheck.itemAt(sandbox, state.page().url());
          checked.put(asin, o);
          spent += o.interactions();
          fulfilling += o.success() ? 1 : 0;
        }
        Optional<Action> label = itemLabel(state, page, o.success());
        if (label.isPresent()) {
          labels.add(
              new Label(
                  step,
                  label.get(),
                  o.success() ? "the item fulfils the instruction" : "the item does not"));
        }
      } else if (page.kind() == ShopPage.Kind.RESULTS && topResults > 0) {
        int tried = 0;
        boolean labelled = false;
        for (Action a : resultRanking.apply(state)) {
          if (!(a instanceof Action.Click c) || page.result(c.elementId()).isEmpty()) {
            continue;
          }
          if (tried++ == topResults) {
            break;
          }
          String asin = page.result(c.elementId()).get().asin();
          PurchaseCheck.Outcome o = checked.get(asin);
          if (o == null) {
            o = PurchaseCheck.resultAt(sandbox, state.page().url(), a);
            checked.put(asin, o);
            spent += o.interactions();
            fulfilling += o.success() ? 1 : 0;
          }
          if (o.success()) {
            labels.add(new Label(step, a, "the policy's favourite result that fulfils it"));
            labelled = true;
            break;
          }
        }
        // Only a page checked whole is known to hold nothing that fulfils it: then move on.
        if (!labelled && tried > 0 && tried <= topResults && tried >= page.results().size()) {
          Optional<Action> on = clickLabelled(state, "Next >");
          on = on.isPresent() ? on : clickLabelled(state, "Back to Search");
          if (on.isPresent()) {
            labels.add(new Label(step, on.get(), "no result on the page fulfils it"));
          }
        }
      }
    }
    return new Result(labels, spent, checked.size(), fulfilling);
  }

  /** On an item page: the next named option or Buy Now when it fulfils, else back to results. */
  static Optional<Action> itemLabel(AgentState state, ShopPage page, boolean fulfils) {
    if (!fulfils) {
      return clickLabelled(state, "< Prev");
    }
    List<ShopPage.OptionValue> left =
        NamedOptions.toClick(page.item(), ShopInstruction.of(state.instruction().text()));
    if (!left.isEmpty()) {
      return Optional.of(new Action.Click(left.get(0).elementId()));
    }
    return clickLabelled(state, "Buy Now");
  }

  private static Optional<Action> clickLabelled(AgentState state, String label) {
    return state.page().elementLabelled(label).map(PageElement::id).map(Action.Click::new);
  }
}
