package io.agentq.environments.shop;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order the shop took on a live session: the durable record of a Buy Now that happened, as the
 * site's database holds it and its order API returns it.
 *
 * @param orderId the shop's number for the order, from 1
 * @param key the Idempotency-Key the order was made under
 * @param episode the episode that asked (header {@code X-Agentq-Episode}; the session id without
 *     it)
 * @param session the live session it was bought in
 * @param task the session's task id
 * @param asin the product bought
 * @param options the chosen options, in the product page's order
 * @param price the price paid
 * @param reward the WebShop reward of the purchase
 * @param rewardBreakdown the parts of that reward
 * @param createdAt when the order was written, ISO-8601 UTC
 * @param request the request the order came from
 */
public record Order(
    long orderId,
    String key,
    String episode,
    String session,
    int task,
    String asin,
    Map<String, String> options,
    double price,
    double reward,
    RewardBreakdown rewardBreakdown,
    String createdAt,
    Request request) {
  public Order {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /**
   * The Buy Now request behind an order, as its fingerprint was computed.
   *
   * @param fingerprint SHA-256 (hex) over the session id, the asin and the options sorted by name
   * @param asin the product asked for
   * @param options the options asked for, sorted by name
   */
  public record Request(String fingerprint, String asin, Map<String, String> options) {
    public Request {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
  }

  /** {@link #createdAt} as an instant. */
  public Instant created() {
    return Instant.parse(createdAt);
  }

  /** The order as the legacy purchase view ({@link ShopServer#purchase(String)}) shows it. */
  public Purchase purchase() {
    return new Purchase(asin, options, price, rewardBreakdown);
  }
}
