package io.agentq.infra.browser;

import io.agentq.core.Action;
import io.agentq.core.Environment;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import io.agentq.core.StepResult;
import io.agentq.core.judge.JudgeView;
import io.agentq.infra.guard.GuardEvent;
import io.agentq.infra.guard.IrreversibleRule;
import io.agentq.infra.guard.IrreversibleRules;
import io.agentq.infra.guard.OffSiteRefusal;
import io.agentq.infra.guard.SiteGuard;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * An episode on a web site through a {@link PageDriver}. It resolves actions against the current
 * page (element ids, the WebShop aliases search[...] and click[...], and ASK [question], typed into
 * the page's {@value #ASK_BOX} box); an action that names nothing on the page is an invalid action:
 * the page stays, the step counts, and the message says why. A page that declares itself terminal
 * ends the episode with the reward it declares.
 *
 * <p>An action is irreversible when the site marks its element ({@code data-irreversible}, as the
 * built-in sites do) or, on other sites, when one of the {@link IrreversibleRules} it was given
 * marks it. Under a {@link SiteGuard} (Playwright only), a step that would leave the allow-list of
 * hosts is invalid and the page stays; requests the guard held are named in the step's message.
 */
public final class WebEnvironment implements Environment, JudgeView {
  private final PageDriver driver;
  private final Instruction instruction;
  private final String startUrl;
  private DistilledPage page;
  private String episodeId;
  private IntFunction<String> keys;
  private int irreversibleDone;
  private IrreversibleRules rules = IrreversibleRules.NONE;
  private SiteGuard guard;

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

  /**
   * Marks as irreversible, besides what the site marks itself, every action one of {@code rules}
   * marks (for sites that do not mark their own elements).
   */
  public WebEnvironment withIrreversibleRules(IrreversibleRules rules) {
    this.rules = rules;
    return this;
  }

  /**
   * Puts this environment's browser under {@code guard}: the allow-list of hosts, and in a sandbox
   * session the hold of state-changing requests. Only the Playwright driver can apply it.
   */
  public WebEnvironment guardedBy(SiteGuard guard) {
    if (!driver.guardWith(guard)) {
      throw new IllegalArgumentException(
          "the "
              + driver.name()
              + " driver cannot apply a site guard (it runs no page scripts and sees no requests"
              + " but its own); use the playwright driver for sites that need one");
    }
    this.guard = guard;
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

  /** The current page's text less what the site marks as its own (its printed score). */
  @Override
  public String judgeText() {
    if (page == null) {
      throw new IllegalStateException("judgeText before reset");
    }
    return page.judgeText();
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
    if (clickTarget(action).map(ElementTarget::irreversible).orElse(false)) {
      return true; // the site's own mark: the built-in sites' only way, unchanged
    }
    return rules != IrreversibleRules.NONE && ruleSubject(action).map(rules::marks).orElse(false);
  }

  /**
   * The element {@code action} operates, as the configurable rules see it: its label and role, and
   * where it leads (a link's href; the action of the form a button or a text box's Enter submits).
   */
  private Optional<IrreversibleRule.Subject> ruleSubject(Action action) {
    Optional<PageElement> e = Optional.empty();
    if (action instanceof Action.Click c) {
      e = page.observation().element(c.elementId());
    } else if (action instanceof Action.ClickLabel c) {
      e = page.observation().elementLabelled(c.label());
    } else if (action instanceof Action.Type t) {
      e = page.observation().element(t.elementId());
    } else if (action instanceof Action.Search) {
      e = page.observation().elements().stream().filter(PageElement::isTextInput).findFirst();
    }
    return e.map(
        el -> {
          ElementTarget t = page.targets().get(el.id());
          boolean submits = t != null && t.kind().equals("submit");
          String leadsTo =
              t == null
                  ? null
                  : t.href() != null
                      ? t.href()
                      : t.form() != null && (submits || el.isTextInput())
                          ? t.form().action()
                          : null;
          return new IrreversibleRule.Subject(
              el.label(), el.role(), submits, leadsTo, page.observation().url());
        });
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
    if (guard == null) {
      return stepOnPage(action);
    }
    guard.actionUnderway(action.toString());
    int heldBefore = guard.holds().size();
    StepResult r;
    try {
      r = stepOnPage(action);
    } catch (OffSiteRefusal refused) {
      page = driver.current(); // the driver put the page back where it was
      return invalid(refused.getMessage());
    }
    List<GuardEvent> held = guard.holds();
    if (held.size() == heldBefore || r.invalid()) {
      return r;
    }
    StringBuilder why = new StringBuilder(r.message()).append("; held in the sandbox:");
    held.subList(heldBefore, held.size())
        .forEach(h -> why.append(' ').append(h.method()).append(' ').append(h.url()));
    return new StepResult(r.observation(), r.done(), r.reward(), false, why.toString());
  }

  private StepResult stepOnPage(Action action) {
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
      next = click(t.get(), irreversible(action));
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
      next = click(t.get(), irreversible(action));
    } else if (action instanceof Action.Ask a) {
      Optional<PageElement> box = askBox();
      if (box.isEmpty()) {
        return invalid("ASK [...] needs the page's '" + ASK_BOX + "' box, and this page has none");
      }
      next = driver.type(page.targets().get(box.get().id()), a.question());
    } else if (action instanceof Action.Scroll s) {
      next = driver.scroll(s.down());
    } else {
      next = driver.back();
    }
    page = next;
    return new StepResult(
        page.observation(), page.terminal(), page.terminal() ? page.reward() : 0, false, "ok");
  }

  private DistilledPage click(ElementTarget target, boolean irreversible) {
    if (!irreversible || keys == null) {
      return driver.click(target);
    }
    irreversibleDone++;
    return driver.click(
        target, Map.of(IDEMPOTENCY_KEY, keys.apply(irreversibleDone), EPISODE_HEADER, episodeId));
  }

  /**
   * The label of the text box a site offers for questions to the user (the booking site has one on
   * every page): where ASK [question] is typed.
   */
  public static final String ASK_BOX = "Ask the user";

  private Optional<PageElement> askBox() {
    return page.observation().elements().stream()
        .filter(e -> e.isTextInput() && e.label().equals(ASK_BOX))
        .findFirst();
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
