package io.agentq.core;

import java.util.List;
import java.util.Optional;

/**
 * A page as the policy reads it: the visible text in reading order, with every interactive element
 * inlined as {@code [id] role "label"}, and the same elements as a list.
 *
 * @param url the page's address, which for the built-in sites is also the node's state URL
 * @param title the document title
 * @param text compact text of the page in reading order
 * @param elements interactive elements, ids ascending
 */
public record Observation(String url, String title, String text, List<PageElement> elements) {
  public Observation {
    elements = List.copyOf(elements);
  }

  public Optional<PageElement> element(int id) {
    return elements.stream().filter(e -> e.id() == id).findFirst();
  }

  /** The first element whose label equals {@code label}, ignoring case and surrounding space. */
  public Optional<PageElement> elementLabelled(String label) {
    String wanted = label.strip();
    return elements.stream().filter(e -> e.label().strip().equalsIgnoreCase(wanted)).findFirst();
  }
}
