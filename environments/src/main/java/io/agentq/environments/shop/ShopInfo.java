package io.agentq.environments.shop;

/**
 * What a shop serves ({@code GET /api/info}).
 *
 * @param products the catalogue's size
 * @param goals the number of tasks
 * @param database the path of the database file that holds its sessions, orders and keys
 */
public record ShopInfo(int products, int goals, String database) {}
