package io.agentq.environments.shop;

/**
 * One episode's session on the shop: its id and goal, and whether it is a sandbox. The shop's
 * database holds the sessions and their orders; these objects are its cache.
 */
final class ShopSession {
  final String id;
  final Goal goal;

  /** A sandbox session (for search) computes Buy Now's reward but records no order. */
  final boolean sandbox;

  ShopSession(String id, Goal goal, boolean sandbox) {
    this.id = id;
    this.goal = goal;
    this.sandbox = sandbox;
  }
}
