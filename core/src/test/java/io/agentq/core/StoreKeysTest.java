package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoreKeysTest {
  @Test
  void theShopsKeysStayAsTheyWereAndAnotherSitesAreSuffixed() {
    // the shop's evaluations and promotion pointer keep the keys they had before there were sites
    assertEquals("evals/dev-100", StoreKeys.onSite("evals/dev-100", null));
    assertEquals("evals/dev-100", StoreKeys.onSite("evals/dev-100", "shop"));
    assertEquals("evals/dev-100-booking", StoreKeys.onSite("evals/dev-100", "booking"));
    assertEquals("policies/promoted.json", StoreKeys.promoted(null));
    assertEquals("policies/promoted.json", StoreKeys.promoted("shop"));
    assertEquals("policies/promoted-booking.json", StoreKeys.promoted("booking"));
  }
}
