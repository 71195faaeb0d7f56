package io.agentq.environments.booking;

/**
 * One intended step of a booking expert, as data; the site's pages map each to clicks and typing.
 *
 * @param value what the step enters or asks: a restaurant name or search text, an ISO date, a party
 *     size, an hh:mm time, a seating label, a question, a detail, or the final answer
 */
public record PlanStep(Kind kind, String value) {
  /** What the step does. */
  public enum Kind {
    SEARCH,
    OPEN_RESTAURANT,
    PICK_DATE,
    PICK_PARTY_SIZE,
    /**
     * Picks the first requested time to see on the page whether a table is free there ("No table at
     * ..."), before asking about other seatings or times: what any agent must do, since the page
     * shows a time's tables only once it is picked.
     */
    TRY_TIME,
    ASK,
    PICK_TIME,
    PICK_SEATING,
    FILL_NAME,
    FILL_PHONE,
    FILL_EMAIL,
    FILL_NOTES,
    REVIEW,
    COMPLETE,
    ANSWER
  }

  @Override
  public String toString() {
    return kind + (value.isEmpty() ? "" : " " + value);
  }
}
