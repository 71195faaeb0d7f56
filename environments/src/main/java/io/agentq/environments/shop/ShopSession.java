package io.agentq.environments.shop;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One episode's session on the shop: its goal and, once Buy Now was clicked, its purchase. A
 * session buys at most once; a repeated Buy Now reads the first purchase back instead of buying
 * again, so a retried or replayed click cannot buy twice.
 */
final class ShopSession {
  final String id;
  final Goal goal;

  /** A sandbox session (for search) computes Buy Now's reward but records no purchase. */
  final boolean sandbox;

  private final AtomicReference<Purchase> purchase = new AtomicReference<>();

  ShopSession(String id, Goal goal, boolean sandbox) {
    this.id = id;
    this.goal = goal;
    this.sandbox = sandbox;
  }

  Optional<Purchase> purchase() {
    return Optional.ofNullable(purchase.get());
  }

  /** Records the purchase unless one exists; returns the one that holds. */
  Purchase buyOnce(Purchase p) {
    return purchase.compareAndExchange(null, p) == null ? p : purchase.get();
  }
}
