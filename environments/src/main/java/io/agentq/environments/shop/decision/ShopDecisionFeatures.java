package io.agentq.environments.shop.decision;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.DecisionFeatures;
import io.agentq.core.TextSimilarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The shop's decision row: every candidate action described in the context of its page and the
 * instruction, by the shop's own code ({@link ShopPage}, {@link ShopInstruction}). On a results
 * page a product link carries its position, its price against the budget the instruction writes and
 * how much of the instruction its title covers; on an item page EVERY row carries the item's title
 * coverage, its price against the budget and whether each option group the instruction asks about
 * offers and has chosen a named value, so that Buy Now and the way back see the same facts; an
 * option link says whether the instruction names its value. A few products of an action's kind with
 * the page's facts are given as features of their own (a buy on a ready page, the way back from an
 * item that is not), so that a small network learns them from a few hundred decisions.
 */
public final class ShopDecisionFeatures implements DecisionFeatures {
  /** The features, in row order; one line each says what it is. */
  public static final List<String> NAMES =
      List.of(
          "page-search", // the page is the search page
          "page-results", // the page lists results
          "page-item", // the page is an item page
          "page-info", // the page is an item's description or features
          "budget-known", // the instruction writes a budget
          "result-page", // (results page number - 1) / 4, at most 1
          "best-result-recall", // the best title coverage among the page's affordable results
          "item-recall", // share of the instruction's words in the item's title
          "item-phrases", // share of the instruction's word pairs in the item's title
          "item-similarity", // sentence similarity of the item's title and the instruction
          "item-affordable", // the item's price is within the written budget
          "item-over-budget", // the item's price is above the written budget
          "item-named-groups", // share of option groups offering a value the instruction names
          "item-unsatisfied", // groups offering a named value with another (or none) chosen / 2
          "item-missing", // groups the instruction asks about that offer no named value / 2
          "item-ready", // nothing unsatisfied, nothing missing, not over budget
          "searches", // searches so far / 3, at most 1
          "search", // the action types a search
          "query-recall", // share of the instruction's words in the query
          "query-length", // the query's content words / 12
          "product", // the action opens a result
          "product-position", // its position among the page's results / 10
          "product-affordable", // its price is within the written budget
          "product-over-budget", // its price is above the written budget
          "product-price-ratio", // price / budget, at most 2, / 2
          "product-recall", // share of the instruction's words in its title
          "product-phrases", // share of the instruction's word pairs in its title
          "product-recall-gap", // its title coverage minus the page's best (0 for the best)
          "next", // the next page of results
          "prev", // "< Prev": the previous results page, or from an item back to its results
          "back-to-search", // back to the search page
          "info", // an item's description or features
          "option", // an option value of the item
          "option-named", // the instruction names this value
          "option-replaces", // another value of its group is chosen
          "option-group-satisfied", // its group's chosen value is one the instruction names
          "option-group-named", // its group offers a value the instruction names
          "buy", // Buy Now
          "browser", // the browser's back button or a scroll
          "buy-ready", // Buy Now on a ready item
          "buy-recall", // Buy Now times the item's title coverage
          "prev-item-unready", // back from an item that is not ready
          "prev-item-recall", // back from an item, times its title coverage
          "next-best-recall"); // next page, times the page's best title coverage

  /** The row's width. */
  public static final int WIDTH = NAMES.size();

  /** The layout's name: bump the version whenever a feature changes. */
  public static final String LAYOUT = "shop-decision-v1/" + WIDTH;

  private final TextSimilarity similarity;
  private final OptionVocabulary vocabulary;

  public ShopDecisionFeatures(TextSimilarity similarity, OptionVocabulary vocabulary) {
    this.similarity = similarity;
    this.vocabulary = vocabulary;
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public String layout() {
    return LAYOUT;
  }

  /** The index of a feature in a row. */
  public static int column(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no shop decision feature named " + name);
    }
    return i;
  }

  /** What an item page holds against the instruction: the facts every row of the page carries. */
  public record ItemFacts(
      double recall,
      double phrases,
      double similarity,
      boolean affordable,
      boolean overBudget,
      double namedGroups,
      int unsatisfied,
      int missing) {
    public boolean ready() {
      return unsatisfied == 0 && missing == 0 && !overBudget;
    }
  }

  /** The facts of an item page, or null elsewhere. */
  public ItemFacts itemFacts(ShopPage page, ShopInstruction instruction, String instructionText) {
    ShopPage.Item item = page.item();
    if (item == null) {
      return null;
    }
    OptionalDouble budget = instruction.budget();
    boolean judged = item.price().isPresent() && budget.isPresent();
    boolean affordable = judged && item.price().getAsDouble() <= budget.getAsDouble();
    int named = 0;
    int unsatisfied = 0;
    int missing = 0;
    for (ShopPage.OptionGroup g : item.groups()) {
      List<ShopPage.OptionValue> offered =
          g.values().stream().filter(v -> instruction.names(v.value())).toList();
      if (!offered.isEmpty()) {
        named++;
        boolean chosen = offered.stream().anyMatch(ShopPage.OptionValue::selected);
        unsatisfied += chosen ? 0 : 1;
      } else if (asksAbout(instruction, g.name())) {
        missing++;
      }
    }
    return new ItemFacts(
        instruction.recall(item.title()),
        instruction.phraseRecall(item.title()),
        item.title().isEmpty() ? 0 : similarity.similarity(instructionText, item.title()),
        affordable,
        judged && !affordable,
        item.groups().isEmpty() ? 0 : (double) named / item.groups().size(),
        unsatisfied,
        missing);
  }

  /** The instruction asks about a group: it says the group's name, or names a value of it. */
  boolean asksAbout(ShopInstruction instruction, String group) {
    return instruction.names(group) || vocabulary.asksFor(instruction, group);
  }

  @Override
  public double[][] rows(AgentState state, List<Action> actions) {
    String text = state.instruction().text();
    ShopInstruction ins = ShopInstruction.of(text);
    ShopPage page = ShopPage.read(state.page());
    ItemFacts item = itemFacts(page, ins, text);
    OptionalDouble budget = ins.budget();
    double bestRecall = 0;
    List<Double> recalls = new ArrayList<>();
    for (ShopPage.Result r : page.results()) {
      double rc = ins.recall(r.title());
      recalls.add(rc);
      if (!overBudget(r.price(), budget)) {
        bestRecall = Math.max(bestRecall, rc);
      }
    }
    int searches = 0;
    for (Action a : state.previousActions()) {
      searches += a instanceof Action.Type || a instanceof Action.Search ? 1 : 0;
    }
    double[][] rows = new double[actions.size()][WIDTH];
    for (int i = 0; i < actions.size(); i++) {
      double[] r = rows[i];
      Action a = actions.get(i);
      // the page, the same on every row
      r[0] = page.kind() == ShopPage.Kind.SEARCH ? 1 : 0;
      r[1] = page.kind() == ShopPage.Kind.RESULTS ? 1 : 0;
      r[2] = page.kind() == ShopPage.Kind.ITEM ? 1 : 0;
      r[3] =
          page.kind() == ShopPage.Kind.DESCRIPTION || page.kind() == ShopPage.Kind.FEATURES ? 1 : 0;
      r[4] = budget.isPresent() ? 1 : 0;
      r[5] = page.resultPage() > 0 ? Math.min(1, (page.resultPage() - 1) / 4.0) : 0;
      r[6] = bestRecall;
      if (item != null) {
        r[7] = item.recall();
        r[8] = item.phrases();
        r[9] = item.similarity();
        r[10] = item.affordable() ? 1 : 0;
        r[11] = item.overBudget() ? 1 : 0;
        r[12] = item.namedGroups();
        r[13] = Math.min(1, item.unsatisfied() / 2.0);
        r[14] = Math.min(1, item.missing() / 2.0);
        r[15] = item.ready() ? 1 : 0;
      }
      r[16] = Math.min(1, searches / 3.0);
      // the action
      String label = a instanceof Action.Click c ? page.label(c.elementId()) : "";
      if (a instanceof Action.Type t) {
        r[17] = 1;
        r[18] = ins.recall(t.text());
        r[19] = Math.min(1, io.agentq.core.ContentWords.ordered(t.text()).size() / 12.0);
      }
      if (a instanceof Action.Click c) {
        int id = c.elementId();
        var result = page.result(id);
        if (result.isPresent()) {
          ShopPage.Result res = result.get();
          r[20] = 1;
          r[21] = res.position() / 10.0;
          boolean judged = res.price().isPresent() && budget.isPresent();
          boolean within = judged && res.price().getAsDouble() <= budget.getAsDouble();
          r[22] = within ? 1 : 0;
          r[23] = judged && !within ? 1 : 0;
          r[24] =
              judged
                  ? Math.min(2, res.price().getAsDouble() / Math.max(1e-9, budget.getAsDouble()))
                      / 2
                  : 0;
          r[25] = recalls.get(res.position());
          r[26] = ins.phraseRecall(res.title());
          r[27] = recalls.get(res.position()) - bestRecall;
        }
        String l = label.strip().toLowerCase(Locale.ROOT);
        r[28] = l.startsWith("next") ? 1 : 0;
        r[29] = l.startsWith("< prev") ? 1 : 0;
        r[30] = l.equals("back to search") ? 1 : 0;
        r[31] =
            page.kind() == ShopPage.Kind.ITEM && (l.equals("description") || l.equals("features"))
                ? 1
                : 0;
        if (page.item() != null) {
          var option = page.item().option(id);
          if (option.isPresent()) {
            ShopPage.OptionGroup g = page.item().groupOf(id).orElseThrow();
            var chosen = g.selected();
            r[32] = 1;
            r[33] = ins.names(option.get().value()) ? 1 : 0;
            r[34] = chosen.isPresent() && chosen.get().elementId() != id ? 1 : 0;
            r[35] = chosen.isPresent() && ins.names(chosen.get().value()) ? 1 : 0;
            r[36] = g.values().stream().anyMatch(v -> ins.names(v.value())) ? 1 : 0;
          }
          r[37] = l.equals("buy now") ? 1 : 0;
        }
      }
      r[38] = a instanceof Action.Back || a instanceof Action.Scroll ? 1 : 0;
      // products of the action's kind and the page's facts
      if (item != null) {
        r[39] = r[37] * (item.ready() ? 1 : 0);
        r[40] = r[37] * item.recall();
        r[41] = r[29] * (item.ready() ? 0 : 1);
        r[42] = r[29] * item.recall();
      }
      r[43] = r[28] * bestRecall;
    }
    return rows;
  }

  private static boolean overBudget(OptionalDouble price, OptionalDouble budget) {
    return price.isPresent() && budget.isPresent() && price.getAsDouble() > budget.getAsDouble();
  }
}
