package io.agentq.environments.shop;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The products of a shop with the one price each carries for this load (§8: a price range is drawn
 * uniformly once per catalogue load; here from a seeded generator, so a load is reproducible).
 */
public final class Catalog {
  private final Map<String, Product> byAsin = new LinkedHashMap<>();
  private final Map<String, Double> prices = new LinkedHashMap<>();

  /** The seed of the price draws of every catalogue load, so goals and shop agree on prices. */
  static final long PRICE_SEED = 7;

  /** A catalogue load with the fixed price-draw seed, as the shop and the generator both use. */
  public static Catalog of(List<Product> products) {
    return new Catalog(products, new java.util.SplittableRandom(PRICE_SEED));
  }

  public Catalog(List<Product> products, RandomGenerator priceDraws) {
    for (Product p : products) {
      byAsin.put(p.asin(), p);
      prices.put(p.asin(), price(p.pricing(), priceDraws));
    }
  }

  /** §8: split on "$", keep digits and dots; none gives 100, a range a uniform draw. */
  static double price(String pricing, RandomGenerator draws) {
    List<Double> values =
        java.util.Arrays.stream(pricing == null ? new String[0] : pricing.split("\\$"))
            .map(s -> s.replaceAll("[^0-9.]", ""))
            .filter(s -> !s.isEmpty() && !s.equals("."))
            .map(Double::parseDouble)
            .toList();
    if (values.isEmpty()) {
      return 100.0;
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    double lo = values.get(0);
    double hi = values.get(1);
    double drawn = lo + (hi - lo) * draws.nextDouble();
    return Math.round(drawn * 100) / 100.0;
  }

  public Optional<Product> product(String asin) {
    return Optional.ofNullable(byAsin.get(asin));
  }

  public double price(String asin) {
    Double p = prices.get(asin);
    if (p == null) {
      throw new IllegalArgumentException("no product with asin " + asin);
    }
    return p;
  }

  public Collection<Product> products() {
    return Collections.unmodifiableCollection(byAsin.values());
  }

  public int size() {
    return byAsin.size();
  }
}
