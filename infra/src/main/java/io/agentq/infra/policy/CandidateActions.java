package io.agentq.infra.policy;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.ContentWords;
import io.agentq.core.PageElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Enumerates the actions possible on a page (a click on every interactive element, typed queries
 * derived from the instruction for every text box, back, scroll) and describes each with features
 * computed from what an agent may see: the instruction, the page and its own past actions.
 */
public final class CandidateActions {
  public static final int SEMANTIC = 0;
  public static final int PRECISION = 1;
  public static final int RECALL = 2;
  public static final int TYPE = 3;
  public static final int COMMIT = 4;
  public static final int COMMIT_READINESS = 5;
  public static final int NAVIGATION = 6;
  public static final int SELECTED = 7;
  public static final int REPEATED = 8;
  public static final int BACK_OR_SCROLL = 9;
  public static final int FEATURES = 10;

  private static final Pattern COMMIT_LABEL =
      Pattern.compile("(?i).*\\b(buy|purchase|checkout|check out|place order|add to cart)\\b.*");
  private static final Pattern NAVIGATION_LABEL =
      Pattern.compile("(?i)^(<|>|back|prev|previous|next|home)\\b.*|.*(next >|< prev|back to).*");
  private static final Pattern PRICE_PHRASE =
      Pattern.compile(
          "(?i)(and )?(price lower than|lower than|under|that costs less than|less than|with a budget"
              + " of|priced below|for less than|no more than)\\s*\\$?[0-9]+(\\.[0-9]+)?( dollars)?");
  static final Set<String> STOPWORDS = ContentWords.STOPWORDS;

  private final SentenceEncoder encoder;

  public CandidateActions(SentenceEncoder encoder) {
    this.encoder = encoder;
  }

  public List<Candidate> of(AgentState state) {
    return of(state, java.util.Optional.empty());
  }

  /**
   * The page's candidates, with {@code typing} (when present) as everything typed instead of the
   * instruction's queries in every text box.
   */
  public List<Candidate> of(AgentState state, java.util.Optional<List<Action>> typing) {
    String instruction = state.instruction().text();
    float[] goal = encoder.encode(instruction);
    Set<String> goalTokens = contentTokens(instruction);
    List<PageElement> elements = state.page().elements();
    double readiness = commitReadiness(elements, goalTokens);
    Set<String> done =
        state.previousActions().stream().map(Object::toString).collect(Collectors.toSet());
    List<Candidate> out = new ArrayList<>();
    for (Action a : typing.orElse(List.of())) {
      String text = typed(a);
      double[] f = new double[FEATURES];
      f[SEMANTIC] = SentenceEncoder.cosine(goal, encoder.encode(text));
      f[TYPE] = 1;
      f[REPEATED] = done.contains(a.toString()) ? 1 : 0;
      out.add(new Candidate(a, text, f));
    }
    for (PageElement e : elements) {
      if (e.isTextInput() && typing.isPresent()) {
        continue;
      }
      if (e.isTextInput()) {
        for (String q : queries(instruction)) {
          double[] f = new double[FEATURES];
          f[SEMANTIC] = SentenceEncoder.cosine(goal, encoder.encode(q));
          f[TYPE] = 1;
          Action a = new Action.Type(e.id(), q);
          f[REPEATED] = done.contains(a.toString()) ? 1 : 0;
          out.add(new Candidate(a, q, f));
        }
        continue;
      }
      double[] f = new double[FEATURES];
      Action a = new Action.Click(e.id());
      if (COMMIT_LABEL.matcher(e.label()).matches()) {
        f[COMMIT] = 1;
        f[COMMIT_READINESS] = readiness;
      } else if (NAVIGATION_LABEL.matcher(e.label()).matches()) {
        f[NAVIGATION] = 1;
      } else {
        Set<String> tokens = contentTokens(e.label());
        long common = tokens.stream().filter(goalTokens::contains).count();
        f[SEMANTIC] = SentenceEncoder.cosine(goal, encoder.encode(e.label()));
        f[PRECISION] = tokens.isEmpty() ? 0 : (double) common / tokens.size();
        f[RECALL] = goalTokens.isEmpty() ? 0 : (double) common / goalTokens.size();
      }
      f[SELECTED] = e.selected() ? 1 : 0;
      f[REPEATED] = done.contains(a.toString()) ? 1 : 0;
      out.add(new Candidate(a, e.label(), f));
    }
    if (state.step() > 0) {
      double[] f = new double[FEATURES];
      f[BACK_OR_SCROLL] = 1;
      out.add(new Candidate(new Action.Back(), "back", f));
    }
    double[] s = new double[FEATURES];
    s[BACK_OR_SCROLL] = 1;
    out.add(new Candidate(new Action.Scroll(true), "scroll down", s));
    return out;
  }

  private static String typed(Action a) {
    if (a instanceof Action.Type t) {
      return t.text();
    }
    if (a instanceof Action.Ask q) {
      return q.question();
    }
    if (a instanceof Action.Search q) {
      return q.query();
    }
    return a.toString();
  }

  /**
   * Of the short choices on the page that the instruction mentions (every word of the label is in
   * the instruction), the fraction already selected; 1 when there are none. A page whose mentioned
   * choices are all made is ready for its commit button.
   */
  static double commitReadiness(List<PageElement> elements, Set<String> goalTokens) {
    int mentioned = 0;
    int selected = 0;
    for (PageElement e : elements) {
      if (e.isTextInput()
          || COMMIT_LABEL.matcher(e.label()).matches()
          || NAVIGATION_LABEL.matcher(e.label()).matches()) {
        continue;
      }
      Set<String> tokens = contentTokens(e.label());
      if (!tokens.isEmpty() && tokens.size() <= 4 && goalTokens.containsAll(tokens)) {
        mentioned++;
        if (e.selected()) {
          selected++;
        }
      }
    }
    return mentioned == 0 ? 1.0 : (double) selected / mentioned;
  }

  /** Search queries derived from the instruction: its content words, whole and shortened. */
  public static List<String> queries(String instruction) {
    String withoutPrice = PRICE_PHRASE.matcher(instruction).replaceAll(" ");
    List<String> words = new ArrayList<>(orderedContentTokens(withoutPrice));
    Set<String> queries = new LinkedHashSet<>();
    queries.add(String.join(" ", words.subList(0, Math.min(12, words.size()))));
    String firstClause = withoutPrice.split(",| in | with | size | color ")[0];
    List<String> head = orderedContentTokens(firstClause);
    queries.add(String.join(" ", head.subList(0, Math.min(8, head.size()))));
    queries.add(String.join(" ", words.subList(0, Math.min(5, words.size()))));
    queries.removeIf(String::isBlank);
    if (queries.isEmpty()) {
      queries.add(instruction);
    }
    return List.copyOf(queries);
  }

  public static Set<String> contentTokens(String text) {
    return ContentWords.of(text);
  }

  public static List<String> orderedContentTokens(String text) {
    return ContentWords.ordered(text);
  }
}
