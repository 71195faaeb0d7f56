package io.agentq.environments.booking;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ASK [question]: the agent asks the user a question; the {@link SimulatedUser} answers it. Defined
 * here rather than in core's {@code Action} for now: {@code Action} is sealed, and the shop's
 * browser environment treats any action it does not recognise as BACK, so a core ASK would go back
 * a page on the shop until every environment learns it. It moves to core with the booking site's
 * environment.
 */
public record Ask(String question) {
  private static final Pattern ASK = Pattern.compile("(?is)ASK\\s*\\[(.*)]");

  public Ask {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("ASK needs a question");
    }
  }

  /** The ASK in {@code text}, or empty when the text is not {@code ASK [question]}. */
  public static Optional<Ask> parse(String text) {
    Matcher m = ASK.matcher(text == null ? "" : text.strip());
    if (!m.matches() || m.group(1).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Ask(m.group(1).strip()));
  }

  @Override
  public String toString() {
    return "ASK [" + question + "]";
  }
}
