package io.agentq.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text form of an {@link Action}; anything outside the grammar is rejected. */
public final class ActionParser {
  private static final Pattern CLICK = Pattern.compile("(?i)CLICK\\s*\\[\\s*(\\d+)\\s*]");
  private static final Pattern TYPE =
      Pattern.compile("(?is)TYPE\\s*\\[\\s*(\\d+)\\s*]\\s*\\[(.*)]");
  private static final Pattern SCROLL = Pattern.compile("(?i)SCROLL\\s*\\[\\s*(up|down)\\s*]");
  private static final Pattern BACK = Pattern.compile("(?i)BACK");
  private static final Pattern SEARCH = Pattern.compile("(?s)search\\[(.*)]");
  private static final Pattern CLICK_LABEL = Pattern.compile("(?s)click\\[(.*)]");
  private static final Pattern ASK = Pattern.compile("(?is)ASK\\s*\\[(.*)]");

  private ActionParser() {}

  /**
   * @throws IllegalArgumentException naming the text when it is not an action of the grammar
   */
  public static Action parse(String text) {
    String s = text == null ? "" : text.strip();
    Matcher m;
    if ((m = CLICK.matcher(s)).matches()) {
      return new Action.Click(Integer.parseInt(m.group(1)));
    }
    if ((m = TYPE.matcher(s)).matches()) {
      return new Action.Type(Integer.parseInt(m.group(1)), m.group(2));
    }
    if ((m = SCROLL.matcher(s)).matches()) {
      return new Action.Scroll(m.group(1).equalsIgnoreCase("down"));
    }
    if (BACK.matcher(s).matches()) {
      return new Action.Back();
    }
    if ((m = SEARCH.matcher(s)).matches()) {
      return new Action.Search(m.group(1).strip());
    }
    if ((m = CLICK_LABEL.matcher(s)).matches()) {
      return new Action.ClickLabel(m.group(1).strip());
    }
    if ((m = ASK.matcher(s)).matches() && !m.group(1).isBlank()) {
      return new Action.Ask(m.group(1));
    }
    throw new IllegalArgumentException(
        "not an action: '"
            + s
            + "' (expected CLICK [id], TYPE [id] [text], SCROLL [up|down], BACK, search[...],"
            + " click[...] or ASK [question])");
  }
}
