package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Restaurant;
import io.agentq.environments.booking.RestaurantCatalog;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The home page's search by restaurant name, cuisine or area: a restaurant matches when every word
 * of the query is a word of its name, cuisine or area ("italian old town", "luna"). A restaurant
 * whose whole name is the query comes first; then by name.
 */
final class RestaurantSearch {
  /** Words that say nothing about which restaurant: "an Italian restaurant in Old Town". */
  private static final Set<String> FILLER =
      Set.of("a", "an", "the", "in", "at", "restaurant", "restaurants", "place", "food", "near");

  static final int MAX_RESULTS = 20;

  private final RestaurantCatalog catalog;

  RestaurantSearch(RestaurantCatalog catalog) {
    this.catalog = catalog;
  }

  List<Restaurant> search(String query) {
    Set<String> wanted = words(query);
    if (wanted.isEmpty()) {
      return List.of();
    }
    String whole = String.join(" ", query.toLowerCase(Locale.ROOT).strip().split("\\s+"));
    return catalog.restaurants().stream()
        .filter(r -> words(r.name() + " " + r.cuisine() + " " + r.area()).containsAll(wanted))
        .sorted(
            Comparator.comparing((Restaurant r) -> !r.name().toLowerCase(Locale.ROOT).equals(whole))
                .thenComparing(Restaurant::name))
        .limit(MAX_RESULTS)
        .toList();
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
        .filter(w -> !w.isEmpty() && !FILLER.contains(w))
        .collect(Collectors.toSet());
  }
}
