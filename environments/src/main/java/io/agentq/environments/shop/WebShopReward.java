package io.agentq.environments.shop;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebShop reward exactly as specs/webshop-reward.md gives it, quirks included: computed once,
 * when Buy Now is clicked, from the goal, its target product, the bought product, the bought
 * product's price and the options clicked on its page.
 */
public final class WebShopReward {
  private static final int MATCH = 85;
  private final NounExtractor nouns;

  public WebShopReward(NounExtractor nouns) {
    this.nouns = nouns;
  }

  public RewardBreakdown score(
      Goal goal, Product target, Product bought, double price, Map<String, String> clicked) {
    double titleScore = titleScore(target.name(), bought.name());
    double rType = typeReward(target, bought, titleScore);
    int nAtt = attributeMatches(goal.attributes(), bought);
    int nOpt = optionMatches(goal.options(), clicked.values());
    boolean priceOk = price <= goal.priceUpper();
    int denominator = goal.attributes().size() + goal.options().size() + 1;
    double total = rType * (nAtt + nOpt + (priceOk ? 1 : 0)) / denominator;
    return new RewardBreakdown(
        rType,
        titleScore,
        nAtt,
        goal.attributes().size(),
        nOpt,
        goal.options().size(),
        priceOk,
        total);
  }

  /** §4.3: |set(P) ∩ set(D)| / len(D) with duplicates counted in D; 0.2 when D is empty. */
  double titleScore(String goalName, String boughtName) {
    List<String> desired = nouns.nouns(goalName);
    if (desired.isEmpty()) {
      return 0.2;
    }
    Set<String> common = new HashSet<>(nouns.nouns(boughtName));
    common.retainAll(new HashSet<>(desired));
    return (double) common.size() / desired.size();
  }

  /** §4.4, the later rule overriding the earlier. */
  static double typeReward(Product target, Product bought, double titleScore) {
    boolean queryMatch = target.query().equals(bought.query());
    boolean categoryMatch =
        categoryOverlap(target.productCategory(), bought.productCategory()) >= 2;
    double r = 1.0;
    if (!queryMatch && !categoryMatch && !(titleScore > 0.2)) {
      r = 0.5;
    }
    if (titleScore < 0.1) {
      r = 0.1;
    }
    if (titleScore == 0) {
      r = 0.0;
    }
    return r;
  }

  static int categoryOverlap(String a, String b) {
    Set<String> left = levels(a);
    left.retainAll(levels(b));
    return left.size();
  }

  private static Set<String> levels(String breadcrumb) {
    return Arrays.stream(breadcrumb.split("›")).map(String::strip).collect(Collectors.toSet());
  }

  /** §5: fuzzy against the Attributes list, else a literal substring of title, bullets, text. */
  static int attributeMatches(List<String> goalAttributes, Product bought) {
    String title = bought.title().toLowerCase(Locale.ROOT);
    String bullets = String.join(" ", bought.bulletPoints()).toLowerCase(Locale.ROOT);
    String description = bought.description().toLowerCase(Locale.ROOT);
    int n = 0;
    for (String g : goalAttributes) {
      boolean fuzzy = bought.attributes().stream().anyMatch(p -> TokenSetRatio.of(p, g) > MATCH);
      if (fuzzy || title.contains(g) || bullets.contains(g) || description.contains(g)) {
        n++;
      }
    }
    return n;
  }

  /** §6: normalised goal options matched by some normalised clicked value. */
  static int optionMatches(List<GoalOption> goalOptions, java.util.Collection<String> clicked) {
    List<String> purchased = clicked.stream().map(ColorNormalizer::normalize).toList();
    int n = 0;
    for (GoalOption o : goalOptions) {
      String wanted = o.normalizedForReward();
      if (purchased.stream().anyMatch(p -> TokenSetRatio.of(p, wanted) > MATCH)) {
        n++;
      }
    }
    return n;
  }
}
