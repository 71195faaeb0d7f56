package io.agentq.core;

import java.util.List;

/**
 * What a site's own code reads off one of its pages for a decision: a row of features for every
 * candidate action, each describing the action in the context of its page and the instruction (for
 * a product link its price against the budget the instruction writes; on an item page, on every
 * row, whether the options the instruction names are offered and chosen). The policy's and the
 * critic's rows are both built on it, so a site's page knowledge lives in one place, with the site.
 * An implementation reads only what an agent may see ({@link AgentState}): the instruction text,
 * the current page and the commands so far.
 */
public interface DecisionFeatures {
  /** The environment whose pages these features read ("shop", "booking"). */
  default String environment() {
    return "shop";
  }

  /** The features' names, in row order; their number is the row's width. */
  List<String> names();

  /**
   * The layout's name, stored with trained weights: it changes whenever a feature is added, removed
   * or computed differently, so that weights of another layout are refused.
   */
  String layout();

  /**
   * What may be typed on this page, when the site's reader knows better than the instruction's
   * words: search queries, questions to the user, details the user gave, answers. Empty (the
   * default): every text box gets queries made of the instruction's words.
   */
  default java.util.Optional<List<Action>> typing(AgentState state) {
    return java.util.Optional.empty();
  }

  /** One row of {@code names().size()} values per action, in the order of {@code actions}. */
  double[][] rows(AgentState state, List<Action> actions);
}
