package io.agentq.environments.booking;

/** Who books: the details a reservation must carry. */
public record UserProfile(String name, String phone, String email) {
  public UserProfile {
    if (name.isBlank() || phone.isBlank() || email.isBlank()) {
      throw new IllegalArgumentException("a profile needs a name, a phone and an email");
    }
  }
}
