package io.agentq.environments.shop;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.Policy;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An expert that knows the goal, written as a deterministic policy so it runs through the site's
 * own pages like any agent: it searches with the target's title, pages through the results until it
 * sees the target's asin, opens it, clicks each goal option and buys. It proves goals solvable; it
 * is never a training signal for held-out tasks.
 */
public final class ScriptedExpert implements Policy {
  private static final int MAX_RESULT_PAGES = 5;
  private final Goal goal;
  private final Product target;

  public ScriptedExpert(Goal goal, Product target) {
    this.goal = goal;
    this.target = target;
  }

  @Override
  public String name() {
    return "scripted-expert";
  }

  @Override
  public List<CompositeAction> propose(AgentState state, int k, RandomGenerator random) {
    Action a = next(state);
    return List.of(new CompositeAction("", "expert", a, "knows the goal", 0.0));
  }

  @Override
  public double logLikelihood(AgentState state, Action action) {
    return next(state).equals(action) ? 0.0 : Double.NEGATIVE_INFINITY;
  }

  private Action next(AgentState state) {
    Observation page = state.page();
    String title = page.title();
    if (title.startsWith("Search")) {
      return new Action.Search(target.name());
    }
    if (title.startsWith("Results")) {
      Optional<PageElement> link = linkAfter(page, target.asin());
      if (link.isPresent()) {
        return new Action.Click(link.get().id());
      }
      long pagesSeen =
          state.previousActions().stream()
              .filter(a -> a.equals(new Action.ClickLabel("Next >")))
              .count();
      if (pagesSeen < MAX_RESULT_PAGES && page.elementLabelled("Next >").isPresent()) {
        return new Action.ClickLabel("Next >");
      }
      return new Action.ClickLabel("Back to Search");
    }
    if (title.startsWith("Item")) {
      for (GoalOption o : goal.options()) {
        Optional<PageElement> option =
            page.elements().stream()
                .filter(e -> e.label().equals(o.value()) && !e.selected())
                .findFirst();
        if (option.isPresent()) {
          return new Action.Click(option.get().id());
        }
      }
      return new Action.ClickLabel("Buy Now");
    }
    return new Action.ClickLabel("< Prev");
  }

  /** The first link after the line of the page's text that holds {@code marker}. */
  static Optional<PageElement> linkAfter(Observation page, String marker) {
    String[] lines = page.text().split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals(marker)) {
        for (int j = i + 1; j < lines.length; j++) {
          int id = elementId(lines[j]);
          if (id > 0) {
            return page.element(id);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static int elementId(String line) {
    String s = line.strip();
    if (!s.startsWith("[")) {
      return -1;
    }
    int end = s.indexOf(']');
    try {
      return end > 1 ? Integer.parseInt(s.substring(1, end)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
