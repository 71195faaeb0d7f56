package io.agentq.infra.browser;

import io.agentq.core.Action;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random actions over a page's elements, with searches, back, scroll and invalid ids. */
final class RandomWalk {
  private RandomWalk() {}

  static Action next(Observation page, String words, SplittableRandom rng) {
    List<PageElement> elements = page.elements();
    int roll = rng.nextInt(100);
    if (roll < 8) {
      return new Action.Back();
    }
    if (roll < 12) {
      return new Action.Scroll(rng.nextBoolean());
    }
    if (roll < 16) {
      return new Action.Click(elements.size() + 1 + rng.nextInt(5)); // names nothing: invalid
    }
    PageElement box = elements.stream().filter(PageElement::isTextInput).findFirst().orElse(null);
    if (box != null && roll < 60) {
      String[] w = words.split(" ");
      int from = rng.nextInt(w.length);
      return new Action.Type(
          box.id(),
          String.join(" ", java.util.Arrays.copyOfRange(w, from, Math.min(w.length, from + 4))));
    }
    if (elements.isEmpty()) {
      return new Action.Back();
    }
    return new Action.Click(elements.get(rng.nextInt(elements.size())).id());
  }
}
