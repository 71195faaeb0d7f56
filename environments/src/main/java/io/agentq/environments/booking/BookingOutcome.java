package io.agentq.environments.booking;

/**
 * How an episode of a booking task ended: the database check (the reservations the episode left)
 * and the answer check (what the agent told the user), with a reason for people. The reward is
 * their product, as tau2-bench makes the database and the communication two factors of one reward.
 */
public record BookingOutcome(
    boolean bookable, boolean reservationOk, boolean answerOk, String reason) {
  public double reward() {
    return reservationOk && answerOk ? 1 : 0;
  }

  public boolean success() {
    return reward() == 1;
  }
}
