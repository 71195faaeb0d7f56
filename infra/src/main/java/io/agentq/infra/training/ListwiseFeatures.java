package io.agentq.infra.training;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.PageElement;
import io.agentq.infra.policy.Candidate;
import io.agentq.infra.policy.CandidateActions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The critic's input: one row for each of a node's K proposals, seen together. A row starts with
 * the proposal's lexical, structural and page-shape features from the policy's row ({@link
 * PolicyFeatures}; the sentence-vector product is left out: on a few thousand examples the critic
 * learned it by heart) and goes on with what the proposer's own softmax does not see:
 *
 * <ul>
 *   <li><b>the K jointly</b>: the proposal's behaviour log-likelihood, the gap to the best of the
 *       K, its rank among them, K, its similarity and overlap with the instruction relative to the
 *       best of the K, and how many of the K are of its kind;
 *   <li><b>the page read more closely</b>: for a product link, its position in the results (the
 *       site's search ranking) and its price; for Buy Now, the item's price; the price against the
 *       budget written in the instruction; the item page's option groups and how many offer a value
 *       the instruction names; whether an option click picks a value the instruction names or
 *       replaces one already picked in its group;
 *   <li><b>the history</b>: searches, backs and clicks so far; for a search, the query's length.
 * </ul>
 *
 * Only the instruction text, the page and the commands so far are read: the budget comes from the
 * instruction's words, never from the goal's hidden price bound. The same code makes the rows at
 * training and at ranking time.
 */
public final class ListwiseFeatures {
  /** The critic's own features, in row order after the policy's (see {@link #column}). */
  public static final List<String> NAMES =
      List.of(
          "candidate", // the proposal is one of the page's candidates
          "log-likelihood", // its behaviour log-likelihood / 10
          "log-likelihood-gap", // minus the best of the K's, / 10
          "likelihood-rank", // its rank by likelihood among the K, 0 (best) to 1
          "k", // K / 10
          "similarity-gap", // its similarity to the instruction minus the best of the K's
          "precision-gap", // its share of words the instruction uses, minus the K's best
          "recall-gap", // its share of the instruction's words, minus the K's best
          "same-kind", // share of the K of its kind (search, product, option, commit, ...)
          "phrase-recall", // share of the instruction's word pairs its text holds
          "phrase-recall-gap", // minus the best of the K's
          "phrase-precision", // share of its text's word pairs the instruction holds
          "product", // a product link on a results page
          "result-position", // its position among the results / 10
          "price-known", // the price of the product it opens or buys is on the page
          "within-budget", // that price is within the instruction's budget
          "over-budget", // that price is above the instruction's budget
          "price-to-budget", // price / budget, capped at 2, / 2
          "budget-known", // the instruction states a budget
          "option-groups", // option groups on the page / 4 (capped at 1)
          "groups-with-mention", // share of the groups offering a value the instruction names
          "option-mentioned", // an option click on a value the instruction names
          "option-replaces", // an option click replacing the value picked in its group
          "option", // an option click
          "group-satisfied", // an option click in a group whose picked value the instruction names
          "groups-unsatisfied", // groups offering a named value but with another (or none) picked
          "item-phrase-recall", // share of the instruction's word pairs the item's title holds
          "query-length", // a search: its content words / 12
          "searches", // searches so far / 3 (capped at 1)
          "backs", // backs so far / 3 (capped at 1)
          "clicks", // clicks so far / 12 (capped at 1)
          "results-page"); // the page lists results

  /** Features after the policy's. */
  public static final int LISTWISE = NAMES.size();

  /** The name of this build's critic feature layout. */
  public static final String LAYOUT =
      "listwise" + LISTWISE + "+cand" + CandidateActions.FEATURES + "+page" + PolicyFeatures.PAGE;

  private static final Pattern BUDGET =
      Pattern.compile(
          "(?i)(?:lower than|under|less than|budget of|below|no more than)\\s*\\$?\\s*([0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern ELEMENT_LINE =
      Pattern.compile("^\\[(\\d+)] \\w+ \"(.*)\"( \\(selected\\))?$");
  private static final Pattern PRICE_LINE = Pattern.compile("^\\$([0-9][0-9,]*(?:\\.[0-9]+)?)");
  private static final Pattern ITEM_PRICE =
      Pattern.compile("(?m)^Price: \\$([0-9][0-9,]*(?:\\.[0-9]+)?)");
  private static final Pattern GROUP_LINE = Pattern.compile("^([a-z][a-z0-9 _-]{0,30}):$");

  /** The part of a policy row the critic reads: candidate and page-shape features. */
  private static final int FROM_POLICY = CandidateActions.FEATURES + PolicyFeatures.PAGE;

  private final PolicyFeatures policy;
  private final int width;

  public ListwiseFeatures(PolicyFeatures policy) {
    this.policy = policy;
    this.width = FROM_POLICY + LISTWISE;
  }

  public int width() {
    return width;
  }

  /** The index in a row of one of the critic's own features ({@link #NAMES}). */
  public int column(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no critic feature named " + name);
    }
    return FROM_POLICY + i;
  }

  /** The layout's name: never a policy's, so neither loads the other's weights. */
  public String layout() {
    return LAYOUT;
  }

  /** The rows of {@code proposals} on the page of {@code state}, in proposal order. */
  public float[][] rows(AgentState state, List<CompositeAction> proposals) {
    int k = proposals.size();
    PolicyFeatures.Page page = policy.of(state);
    PageFacts facts = PageFacts.of(state);
    float[][] rows = new float[k][width];
    double[][] f = new double[k][];
    double[] ll = new double[k];
    String[] kind = new String[k];
    Candidate[] matched = new Candidate[k];
    int pw = FROM_POLICY;
    int tail = policy.width() - FROM_POLICY; // where the candidate features start in a policy row
    for (int i = 0; i < k; i++) {
      Action wanted = LearnedPolicy.canonical(state, proposals.get(i).command());
      for (int c = 0; c < page.candidates().size(); c++) {
        if (page.candidates().get(c).action().equals(wanted)) {
          matched[i] = page.candidates().get(c);
          System.arraycopy(page.rows()[c], tail, rows[i], 0, pw);
          break;
        }
      }
      f[i] = matched[i] != null ? matched[i].features() : new double[CandidateActions.FEATURES];
      ll[i] = Math.max(-30, proposals.get(i).logLikelihood());
      kind[i] = kind(wanted, f[i], facts);
    }
    double bestLl = max(ll);
    double[] bestSemantic = new double[3];
    int[] which = {CandidateActions.SEMANTIC, CandidateActions.PRECISION, CandidateActions.RECALL};
    for (int j = 0; j < 3; j++) {
      bestSemantic[j] = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        bestSemantic[j] = Math.max(bestSemantic[j], f[i][which[j]]);
      }
    }
    History history = History.of(state.previousActions());
    List<String> goalPairs =
        pairs(CandidateActions.orderedContentTokens(state.instruction().text()));
    double itemPhrases =
        facts.itemTitle == null || goalPairs.isEmpty()
            ? 0
            : (double)
                    pairs(CandidateActions.orderedContentTokens(facts.itemTitle)).stream()
                        .filter(goalPairs::contains)
                        .count()
                / goalPairs.size();
    double[] phrases = new double[k];
    double[] phrasePrecision = new double[k];
    double bestPhrases = 0;
    for (int i = 0; i < k; i++) {
      if (matched[i] != null && !goalPairs.isEmpty()) {
        List<String> own = pairs(CandidateActions.orderedContentTokens(matched[i].text()));
        long shared = own.stream().filter(goalPairs::contains).count();
        phrases[i] = (double) shared / goalPairs.size();
        phrasePrecision[i] = own.isEmpty() ? 0 : (double) shared / own.size();
      }
      bestPhrases = Math.max(bestPhrases, phrases[i]);
    }
    for (int i = 0; i < k; i++) {
      float[] r = rows[i];
      int o = pw;
      Action wanted = LearnedPolicy.canonical(state, proposals.get(i).command());
      int rank = 0;
      for (int j = 0; j < k; j++) {
        rank += ll[j] > ll[i] || (ll[j] == ll[i] && j < i) ? 1 : 0;
      }
      int sameKind = 0;
      for (int j = 0; j < k; j++) {
        sameKind += kind[j].equals(kind[i]) ? 1 : 0;
      }
      r[o++] = matched[i] != null ? 1 : 0;
      r[o++] = (float) (ll[i] / 10);
      r[o++] = (float) ((ll[i] - bestLl) / 10);
      r[o++] = k > 1 ? (float) rank / (k - 1) : 0;
      r[o++] = k / 10f;
      for (int j = 0; j < 3; j++) {
        r[o++] = (float) (f[i][which[j]] - bestSemantic[j]);
      }
      r[o++] = (float) sameKind / k;
      r[o++] = (float) phrases[i];
      r[o++] = (float) (phrases[i] - bestPhrases);
      r[o++] = (float) phrasePrecision[i];
      // the page read more closely
      int id = wanted instanceof Action.Click c ? c.elementId() : -1;
      boolean product = kind[i].equals("product");
      boolean buy = f[i][CandidateActions.COMMIT] > 0;
      OptionalDouble price =
          product && facts.linkPrices.containsKey(id)
              ? OptionalDouble.of(facts.linkPrices.get(id))
              : buy ? facts.itemPrice : OptionalDouble.empty();
      r[o++] = product ? 1 : 0;
      r[o++] = product ? facts.productPosition.getOrDefault(id, 0) / 10f : 0;
      r[o++] = price.isPresent() ? 1 : 0;
      boolean judged = price.isPresent() && facts.budget.isPresent();
      boolean within = judged && price.getAsDouble() <= facts.budget.getAsDouble();
      r[o++] = judged && within ? 1 : 0;
      r[o++] = judged && !within ? 1 : 0;
      r[o++] =
          judged
              ? (float)
                      Math.min(2, price.getAsDouble() / Math.max(1e-9, facts.budget.getAsDouble()))
                  / 2
              : 0;
      r[o++] = facts.budget.isPresent() ? 1 : 0;
      r[o++] = Math.min(1f, facts.groups.size() / 4f);
      r[o++] = facts.groups.isEmpty() ? 0 : (float) facts.groupsMentioned / facts.groups.size();
      String group = facts.groupOf.get(id);
      r[o++] = group != null && facts.mentioned.contains(id) ? 1 : 0;
      r[o++] =
          group != null && facts.selectedIn.containsKey(group) && facts.selectedIn.get(group) != id
              ? 1
              : 0;
      r[o++] = group != null ? 1 : 0;
      r[o++] =
          group != null
                  && facts.selectedIn.containsKey(group)
                  && facts.mentioned.contains(facts.selectedIn.get(group))
              ? 1
              : 0;
      r[o++] = Math.min(1f, facts.unsatisfied / 4f);
      r[o++] = (float) itemPhrases;
      r[o++] =
          wanted instanceof Action.Type t
              ? Math.min(1f, CandidateActions.contentTokens(t.text()).size() / 12f)
              : 0;
      r[o++] = Math.min(1f, history.searches / 3f);
      r[o++] = Math.min(1f, history.backs / 3f);
      r[o++] = Math.min(1f, history.clicks / 12f);
      r[o++] = facts.results ? 1 : 0;
      if (o != width) {
        throw new IllegalStateException("listwise row has " + o + " of " + width + " features");
      }
    }
    return rows;
  }

  /** Adjacent pairs of content words: "slim fit", "button closure", "dress shirt". */
  private static List<String> pairs(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      out.add(tokens.get(i) + " " + tokens.get(i + 1));
    }
    return out;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** A coarse kind of a proposal: what "of its kind" counts. */
  private static String kind(Action a, double[] f, PageFacts facts) {
    if (a instanceof Action.Type) {
      return "search";
    }
    if (f[CandidateActions.COMMIT] > 0) {
      return "commit";
    }
    if (f[CandidateActions.NAVIGATION] > 0 || f[CandidateActions.BACK_OR_SCROLL] > 0) {
      return "navigation";
    }
    if (a instanceof Action.Click c && facts.linkPrices.containsKey(c.elementId())) {
      return "product";
    }
    if (a instanceof Action.Click c && facts.groupOf.containsKey(c.elementId())) {
      return "option";
    }
    return "other";
  }

  /** The budget written in an instruction ("under 30 dollars", "less than $70"), if any. */
  static OptionalDouble budget(String instruction) {
    Matcher m = BUDGET.matcher(instruction);
    OptionalDouble out = OptionalDouble.empty();
    while (m.find()) {
      out = OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  /** What the critic reads off the page's text beyond the candidates' own features. */
  static final class PageFacts {
    final OptionalDouble budget;
    final Map<Integer, Double> linkPrices = new HashMap<>();
    final Map<Integer, Integer> productPosition = new HashMap<>();
    OptionalDouble itemPrice = OptionalDouble.empty();
    final List<String> groups = new ArrayList<>();
    final Map<Integer, String> groupOf = new HashMap<>();
    final Map<String, Integer> selectedIn = new HashMap<>();
    final Set<Integer> mentioned = new java.util.HashSet<>();
    int groupsMentioned;
    int unsatisfied;
    String itemTitle;
    boolean results;

    private PageFacts(OptionalDouble budget) {
      this.budget = budget;
    }

    static PageFacts of(AgentState state) {
      String instruction = state.instruction().text();
      PageFacts p = new PageFacts(budget(instruction));
      Set<String> goal = CandidateActions.contentTokens(instruction);
      String[] lines = state.page().text().split("\n");
      String group = null;
      Set<String> groupsWithMention = new java.util.HashSet<>();
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        Matcher g = GROUP_LINE.matcher(line);
        if (g.matches()) {
          group = g.group(1);
          p.groups.add(group);
          continue;
        }
        Matcher e = ELEMENT_LINE.matcher(line);
        if (!e.matches()) {
          group = null;
          continue;
        }
        int id = Integer.parseInt(e.group(1));
        if (i + 1 < lines.length) {
          Matcher price = PRICE_LINE.matcher(lines[i + 1].strip());
          if (price.find()) {
            p.linkPrices.put(id, Double.parseDouble(price.group(1).replace(",", "")));
            p.productPosition.put(id, p.productPosition.size());
            p.results = true;
          }
        }
        if (group != null) {
          p.groupOf.put(id, group);
          Set<String> tokens = CandidateActions.contentTokens(e.group(2));
          if (!tokens.isEmpty() && goal.containsAll(tokens)) {
            p.mentioned.add(id);
            groupsWithMention.add(group);
          }
          boolean selected =
              e.group(3) != null
                  || state.page().element(id).map(PageElement::selected).orElse(false);
          if (selected) {
            p.selectedIn.put(group, id);
          }
        }
      }
      p.groupsMentioned = groupsWithMention.size();
      for (String g : groupsWithMention) {
        Integer picked = p.selectedIn.get(g);
        p.unsatisfied += picked != null && p.mentioned.contains(picked) ? 0 : 1;
      }
      Matcher item = ITEM_PRICE.matcher(state.page().text());
      if (item.find()) {
        p.itemPrice = OptionalDouble.of(Double.parseDouble(item.group(1).replace(",", "")));
        for (int i = 1; i < lines.length; i++) {
          if (lines[i].strip().startsWith("Price: $")) {
            p.itemTitle = lines[i - 1].strip(); // the item page shows its title above its price
            break;
          }
        }
      }
      return p;
    }
  }

  /** Counts over the commands taken so far. */
  private record History(int searches, int backs, int clicks) {
    static History of(List<Action> actions) {
      int s = 0;
      int b = 0;
      int c = 0;
      for (Action a : actions) {
        if (a instanceof Action.Type || a instanceof Action.Search) {
          s++;
        } else if (a instanceof Action.Back) {
          b++;
        } else if (a instanceof Action.Click || a instanceof Action.ClickLabel) {
          c++;
        }
      }
      return new History(s, b, c);
    }
  }
}
