package io.agentq.infra.browser;

import io.agentq.core.Action;
import io.agentq.core.Environment;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.StepResult;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * An episode on a web site through a {@link PageDriver}. It resolves actions against the current
 * page (element ids, and the WebShop aliases search[...] and click[...]); an action that names
 * nothing on the page is an invalid action: the page stays, the step counts, and the message says
 * why. A page that declares itself terminal ends the episode with the reward it declares.
 */
public final class WebEnvironment implements Environment {
  private final PageDriver driver;
  private final Instruction instruction;
  private final String startUrl;
  private DistilledPage page;
  private String episodeId;
  private IntFunction<String> keys;
  private int irreversibleDone;

  public WebEnvironment(PageDriver driver, Instruction instruction, String startUrl) {
    this.driver = driver;
    this.instruction = instruction;
    this.startUrl = startUrl;
  }

  /**
   * Sends every irreversible action under an idempotency key (the {@code Idempotency-Key} header,
   * with the episode in {@code X-Agentq-Episode}): the n-th one this environment does, from 1, gets
   * {@code keys.apply(n)}. A live site refuses an irreversible request without one.
   */
  public WebEnvironment sendingKeys(String episodeId, IntFunction<String> keys) {
    this.episodeId = episodeId;
    this.keys = keys;
    return this;
  }

  @Override
  public Instruction instruction() {
    return instruction;
  }

  @Override
  public Observation reset() {
    page = driver.open(startUrl);
    return page.observation();
  }

  @Override
  public Observation observation() {
    return page.observation();
  }

  @Override
  public String stateUrl() {
    return page.observation().url();
  }

  @Override
  public Observation restore(String stateUrl) {
    page = driver.open(stateUrl);
    return page.observation();
  }

  /**
   * Whether {@code action} would operate an element the site marks as irreversible (buy, book, pay,
   * send) on the current page.
   */
  public boolean irreversible(Action action) {
    return clickTarget(action).map(ElementTarget::irreversible).orElse(false);
  }

  /** The element a CLICK [id] or click[label] names on the current page. */
  private Optional<ElementTarget> clickTarget(Action action) {
    if (action instanceof Action.Click c) {
      return Optional.ofNullable(page.targets().get(c.elementId()));
    }
    if (action instanceof Action.ClickLabel c) {
      return page.observation().elementLabelled(c.label()).map(e -> page.targets().get(e.id()));
    }
    return Optional.empty();
  }

  /** The driver underneath, e.g. for screenshots. */
  public PageDriver driver() {
    return driver;
  }

  @Override
  public StepResult step(Action action) {
    if (page == null) {
      throw new IllegalStateException("step before reset");
    }
    if (page.terminal()) {
      return invalid("the episode is over; no action can follow a terminal page");
    }
    DistilledPage next;
    if (action instanceof Action.Click c) {
      Optional<ElementTarget> t = clickTarget(c);
      if (t.isEmpty()) {
        return invalid("no element [" + c.elementId() + "] on this page");
      }
      next = click(t.get());
    } else if (action instanceof Action.Type t) {
      Optional<PageElement> e = page.observation().element(t.elementId());
      if (e.isEmpty()) {
        return invalid("no element [" + t.elementId() + "] on this page");
      }
      if (!e.get().isTextInput()) {
        return invalid(
            "element [" + t.elementId() + "] is a " + e.get().role() + ", not a text box");
      }
      next = driver.type(page.targets().get(t.elementId()), t.text());
    } else if (action instanceof Action.Search s) {
      Optional<PageElement> box =
          page.observation().elements().stream().filter(PageElement::isTextInput).findFirst();
      if (box.isEmpty()) {
        return invalid("search[...] needs a search box, and this page has none");
      }
      next = driver.type(page.targets().get(box.get().id()), s.query());
    } else if (action instanceof Action.ClickLabel c) {
      Optional<ElementTarget> t = clickTarget(c);
      if (t.isEmpty()) {
        return invalid("no element labelled '" + c.label() + "' on this page");
      }
      next = click(t.get());
    } else if (action instanceof Action.Scroll s) {
      next = driver.scroll(s.down());
    } else {
      next = driver.back();
    }
    page = next;
    return new StepResult(
        page.observation(), page.terminal(), page.terminal() ? page.reward() : 0, false, "ok");
  }

  private DistilledPage click(ElementTarget target) {
    if (!target.irreversible() || keys == null) {
      return driver.click(target);
    }
    irreversibleDone++;
    return driver.click(
        target, Map.of(IDEMPOTENCY_KEY, keys.apply(irreversibleDone), EPISODE_HEADER, episodeId));
  }

  /** The header of the IETF draft "The Idempotency-Key HTTP Header Field". */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** The episode an irreversible request belongs to, recorded by the site with its outcome. */
  public static final String EPISODE_HEADER = "X-Agentq-Episode";

  private StepResult invalid(String why) {
    return new StepResult(page.observation(), false, 0, true, "invalid action: " + why);
  }

  @Override
  public void close() {
    driver.close();
  }
}
