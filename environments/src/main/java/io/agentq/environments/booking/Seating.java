package io.agentq.environments.booking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a party sits. Each restaurant offers some of these, each with a largest party it seats. */
public enum Seating {
  INDOOR("indoor", List.of("indoor", "inside", "indoors", "dining room")),
  OUTDOOR("outdoor", List.of("outdoor", "outside", "outdoors", "patio", "terrace")),
  BAR("bar", List.of("bar")),
  COUNTER("counter", List.of("counter", "chef's counter", "kitchen counter"));

  private final String label;
  private final List<String> words;

  Seating(String label, List<String> words) {
    this.label = label;
    this.words = words;
  }

  /** The word files and pages use: indoor, outdoor, bar, counter. */
  public String label() {
    return label;
  }

  /** Words a person may use for this seating, lower case. */
  public List<String> words() {
    return words;
  }

  public static Optional<Seating> ofLabel(String label) {
    for (Seating s : values()) {
      if (s.label.equals(label.toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
