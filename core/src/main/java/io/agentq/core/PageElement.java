package io.agentq.core;

/**
 * One interactive element of a distilled page.
 *
 * @param id stable element id on this page (document order of interactive elements, from 1)
 * @param role link, button, textbox, select, radio or checkbox
 * @param label the text a person reads on or next to the element
 * @param selected whether a radio, checkbox or option-like link is currently chosen
 */
public record PageElement(int id, String role, String label, boolean selected) {
  public boolean isTextInput() {
    return role.equals("textbox");
  }
}
