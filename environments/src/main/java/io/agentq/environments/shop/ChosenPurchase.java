package io.agentq.environments.shop;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a search chose to buy, read off the done page of its sandbox session ({@code
 * /s/sbx-E/done?a=ASIN&o_group=value...}): compared with the order a live site holds under the
 * episode's key, it tells whether an adopted order is the one this search would have made.
 *
 * @param asin the product, or "" when the URL is not a sandbox done page
 * @param options the chosen options by group, sorted by name
 */
public record ChosenPurchase(String asin, Map<String, String> options) {
  public ChosenPurchase {
    options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** The purchase a sandbox done page's URL (absolute or shop-relative) stands for. */
  public static ChosenPurchase fromDoneUrl(String url) {
    int q = url.indexOf('?');
    if (q < 0 || !url.substring(0, q).endsWith("/done")) {
      return new ChosenPurchase("", Map.of());
    }
    String asin = "";
    Map<String, String> options = new TreeMap<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (k.equals("a")) {
        asin = v;
      } else if (k.startsWith("o_")) {
        options.put(k.substring(2), v);
      }
    }
    return new ChosenPurchase(asin, options);
  }

  /** Whether an order bought this product with these options. */
  public boolean sameAs(String orderAsin, Map<String, String> orderOptions) {
    return asin.equals(orderAsin) && options.equals(new TreeMap<>(orderOptions));
  }

  @Override
  public String toString() {
    return options.isEmpty() ? asin : asin + " " + options;
  }
}
