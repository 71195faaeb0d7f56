package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Policy;
import io.agentq.environments.shop.GoalCheck;
import io.agentq.environments.shop.Product;
import io.agentq.environments.shop.decision.ShopPage;
import io.agentq.infra.policy.CandidateActions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted demonstrator of behaviour cloning: it knows the goal and buys the FIRST product in
 * the results that would fulfil it ({@link GoalCheck}: the reward of buying it with the goal's
 * options is 1), as a careful shopper would, rather than hunting for the one target product (which
 * would teach a policy to pass over fitting products for a reason it cannot see). It acts only
 * through actions the learnable policy can take: its search is one of the queries derived from the
 * instruction (the untried one sharing the most words with the target's title), it pages through up
 * to five result pages, on an item page it picks the goal's options and buys, or goes back when the
 * item would not do. Only successful demonstrations are kept. Used on train tasks only.
 */
public final class DemonstrationExpert implements Policy {
  private static final int MAX_RESULT_PAGES = 5;
  private static final Pattern ITEM_URL = Pattern.compile("/item/([^/?#]+)");

  private final GoalCheck check;
  private final Product target;

  public DemonstrationExpert(GoalCheck check, Product target) {
    this.check = check;
    this.target = target;
  }

  @Override
  public String name() {
    return "demonstration-expert";
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    Action canonical = LearnedPolicy.canonical(state, next(state));
    return List.of(new CompositeAction("", "expert demonstration", canonical, "", 0.0));
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    return propose(state, 1, null).get(0).command().equals(action) ? 0 : Double.NEGATIVE_INFINITY;
  }

  private Action next(AgentState state) {
    ShopPage page = ShopPage.read(state.page());
    switch (page.kind()) {
      case SEARCH -> {
        return new Action.Search(bestQuery(state));
      }
      case RESULTS -> {
        for (ShopPage.Result r : page.results()) {
          if (check.accepts(r.asin())) {
            return new Action.Click(r.elementId());
          }
        }
        if (page.resultPage() < MAX_RESULT_PAGES
            && state.page().elementLabelled("Next >").isPresent()) {
          return new Action.ClickLabel("Next >");
        }
        return new Action.ClickLabel("Back to Search");
      }
      case ITEM -> {
        Optional<String> asin = asinOf(state.page().url());
        if (asin.isEmpty() || !check.accepts(asin.get())) {
          return new Action.ClickLabel("< Prev");
        }
        Product p = check.data().catalog().product(asin.get()).orElseThrow();
        Map<String, String> wanted = check.options(p);
        for (ShopPage.OptionGroup g : page.item().groups()) {
          String value = wanted.get(g.name());
          if (value == null) {
            continue;
          }
          for (ShopPage.OptionValue v : g.values()) {
            if (v.value().equals(value) && !v.selected()) {
              return new Action.Click(v.elementId());
            }
          }
        }
        return new Action.ClickLabel("Buy Now");
      }
      default -> {
        return new Action.ClickLabel("< Prev");
      }
    }
  }

  static Optional<String> asinOf(String url) {
    Matcher m = ITEM_URL.matcher(url);
    return m.find()
        ? Optional.of(
            java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /**
   * Of the derived queries not typed yet, the one sharing the most words with the target's title.
   */
  private String bestQuery(AgentState state) {
    Set<String> title = CandidateActions.contentTokens(target.name());
    Set<String> typed =
        state.previousActions().stream()
            .filter(a -> a instanceof Action.Type)
            .map(a -> ((Action.Type) a).text())
            .collect(java.util.stream.Collectors.toSet());
    String best = null;
    long bestCommon = -1;
    for (String q : CandidateActions.queries(state.instruction().text())) {
      long common = CandidateActions.contentTokens(q).stream().filter(title::contains).count();
      if (!typed.contains(q) && common > bestCommon) {
        best = q;
        bestCommon = common;
      }
    }
    return best != null ? best : CandidateActions.queries(state.instruction().text()).get(0);
  }
}
