package io.agentq.activities.cycle;

import io.agentq.core.search.Proposal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of action a proposal is, as a report groups preferred and rejected actions. Commands
 * name elements by id ({@code CLICK [3]}), so the kind is read from the proposal's thought, which
 * names the page and the element ("On 'Results | shop', 'Nimbus Shampoo' scores ...").
 */
final class ActionKind {
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private ActionKind() {}

  static String of(Proposal p) {
    String command = p.command() == null ? "" : p.command().trim().toUpperCase(Locale.ROOT);
    if (command.startsWith("TYPE") || command.startsWith("SEARCH")) {
      return "search";
    }
    if (command.startsWith("SCROLL")) {
      return "scroll";
    }
    if (command.startsWith("BACK")) {
      return "go back";
    }
    Matcher m = QUOTED.matcher(p.thought() == null ? "" : p.thought());
    String page = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    String label = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    if (label.contains("buy now")) {
      return "Buy Now";
    }
    if (label.contains("back to search") || label.contains("< prev")) {
      return "go back";
    }
    if (label.contains("next >")) {
      return "next page";
    }
    if (label.equals("description") || label.equals("features") || label.equals("reviews")) {
      return "read " + label;
    }
    if (page.startsWith("results")) {
      return "open a product";
    }
    return label.isEmpty() ? "other" : "choose an option";
  }
}
