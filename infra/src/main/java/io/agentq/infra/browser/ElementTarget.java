package io.agentq.infra.browser;

import java.util.List;

/**
 * How a driver reaches and operates one interactive element of a distilled page.
 *
 * @param selector a CSS selector unique on the page, for the real browser
 * @param kind link, submit, textbox, radio, checkbox, select or other
 * @param href the resolved link target, for links
 * @param form the enclosing form, for submit buttons and text boxes; null otherwise
 * @param fieldName the element's own form field name, if any
 * @param irreversible whether the site marks this action as one that cannot be undone
 */
public record ElementTarget(
    String selector,
    String kind,
    String href,
    Form form,
    String fieldName,
    String fieldValue,
    boolean irreversible) {

  /** A form as an HTTP client submits it. */
  public record Form(String action, String method, List<Field> fields) {
    public Form {
      fields = List.copyOf(fields);
    }
  }

  /** One successful control of a form: name, value, and the selector of its element. */
  public record Field(String name, String value, String selector) {}
}
