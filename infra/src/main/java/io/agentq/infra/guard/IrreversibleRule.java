package io.agentq.infra.guard;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One rule that marks an action irreversible on a site that does not mark its own elements (the
 * built-in sites do, with {@code data-irreversible}). Every field given must match (absent fields
 * match anything); at least one must be given. Patterns are case-insensitive regular expressions
 * found anywhere in the value.
 *
 * @param text pattern on the element's label, e.g. {@code "complete reservation|place order|buy
 *     now|\\bpay\\b"}; null: any
 * @param roles the element's role, one of {@link #ROLES} ({@code submit} is a button that submits
 *     its form); empty: any
 * @param url pattern on where the action goes: a link's href, the action of the form a button
 *     submits or a text box's Enter submits, e.g. {@code "/checkout"}; null: any
 * @param page pattern on the URL of the page the action is taken on; null: any
 */
public record IrreversibleRule(String text, List<String> roles, String url, String page) {
  /** Roles a rule may name: the observation's roles, plus submit. */
  public static final List<String> ROLES =
      List.of("link", "button", "submit", "textbox", "select", "radio", "checkbox");

  public IrreversibleRule {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** A rule on the element's text only. */
  public static IrreversibleRule text(String pattern) {
    return new IrreversibleRule(pattern, List.of(), null, null);
  }

  /** A rule on where the action goes only. */
  public static IrreversibleRule url(String pattern) {
    return new IrreversibleRule(null, List.of(), pattern, null);
  }

  /** What a rule is matched against: one element and where acting on it leads. */
  public record Subject(String text, String role, boolean submits, String url, String page) {}

  /** Whether acting on {@code s} is irreversible by this rule. */
  public boolean marks(Subject s) {
    return found(text, s.text())
        && (roles.isEmpty()
            || roles.contains(s.role())
            || (s.submits() && roles.contains("submit")))
        && found(url, s.url())
        && found(page, s.page());
  }

  private static boolean found(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    return value != null && compile(pattern).matcher(value).find();
  }

  static Pattern compile(String pattern) {
    return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** Why this rule cannot be used, or null when it can. */
  String problem() {
    if (text == null && roles.isEmpty() && url == null && page == null) {
      return "gives none of text, roles, url, page, so it would mark every action;"
          + " give at least one";
    }
    for (String r : roles) {
      if (r == null || !ROLES.contains(r.toLowerCase(Locale.ROOT))) {
        return "roles: '" + r + "' is not a role (use one of " + String.join(", ", ROLES) + ")";
      }
    }
    for (String[] f : new String[][] {{"text", text}, {"url", url}, {"page", page}}) {
      if (f[1] == null) {
        continue;
      }
      if (f[1].isBlank()) {
        return f[0] + ": the pattern is empty, which matches everything; give a pattern or omit it";
      }
      try {
        compile(f[1]);
      } catch (java.util.regex.PatternSyntaxException e) {
        return f[0]
            + ": '"
            + f[1]
            + "' is not a regular expression ("
            + e.getDescription()
            + " near index "
            + e.getIndex()
            + ")";
      }
    }
    return null;
  }
}
