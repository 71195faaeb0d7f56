package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shop's JSON API under {@code /api}: what an agent reads before and after an irreversible
 * request (a key's order), what a remote worker needs to start an episode (a task's instruction),
 * and what a checker reads afterwards (every order, every Buy Now request).
 */
final class ShopApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ShopData data;
  private final OrderBook book;
  private final IdempotencyKeys keys;

  ShopApi(ShopData data, OrderBook book, IdempotencyKeys keys) {
    this.data = data;
    this.book = book;
    this.keys = keys;
  }

  ShopServer.Response route(ShopServer.Request req) {
    String[] parts = req.parts();
    if (!req.method().equals("GET")) {
      return error(405, "the shop's API is read-only: use GET");
    }
    String what = parts.length > 2 ? parts[2] : "";
    switch (what) {
      case "orders":
        if (parts.length == 3) {
          return ok(Map.of("orders", book.orders()));
        }
        if (parts.length == 4) {
          return ok(keys.lookup(parts[3]));
        }
        break;
      case "requests":
        if (parts.length == 3) {
          return ok(Map.of("requests", book.requests()));
        }
        break;
      case "tasks":
        if (parts.length == 4) {
          return task(parts[3]);
        }
        break;
      case "info":
        if (parts.length == 3) {
          Map<String, Object> info = new LinkedHashMap<>();
          info.put("products", data.catalog().size());
          info.put("goals", data.goals().size());
          info.put("database", book.file().toString());
          return ok(info);
        }
        break;
      case "purchase":
        if (parts.length == 4) {
          return legacyPurchase(parts[3]);
        }
        break;
      default:
        break;
    }
    return error(
        404,
        "no API at "
            + String.join("/", parts)
            + "; there are /api/orders, /api/orders/{key}, /api/requests, /api/tasks/{taskId},"
            + " /api/info");
  }

  private ShopServer.Response task(String text) {
    int taskId;
    try {
      taskId = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return error(404, "task id must be a number, not '" + text + "'");
    }
    if (taskId < 0 || taskId >= data.goals().size()) {
      return error(
          404, "no task " + taskId + "; this shop has tasks 0 to " + (data.goals().size() - 1));
    }
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task", taskId);
    task.put("instruction", data.goal(taskId).instructionText());
    return ok(task);
  }

  /**
   * Legacy ledger, kept for callers outside this module: a live session's most recent order as
   * {@code {asin, price, reward, options}}, or 404 {@code {}}. New callers look orders up by key.
   */
  private ShopServer.Response legacyPurchase(String sessionId) {
    return book.latestOrderOf(sessionId)
        .map(
            o -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("asin", o.asin());
              json.put("price", o.price());
              json.put("reward", o.reward());
              json.put("options", o.options());
              return ok(json);
            })
        .orElse(ShopServer.Response.json(404, "{}"));
  }

  private static ShopServer.Response ok(Object body) {
    return ShopServer.Response.json(200, write(body));
  }

  private static ShopServer.Response error(int status, String message) {
    return ShopServer.Response.json(status, write(Map.of("error", message)));
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body + " as JSON", e);
    }
  }
}
