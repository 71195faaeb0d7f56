package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default generated shop meets the size, split, phrasing and near-miss requirements.
 */
class CatalogGeneratorTest {
  @TempDir static Path dir;
  static ShopData shop;

  @BeforeAll
  static void generate() {
    CatalogGenerator.defaults().write(dir);
    shop = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
  }

  @Test
  void sizesAndSplit() {
    assertTrue(shop.catalog().size() >= 2000, "products: " + shop.catalog().size());
    Set<String> types =
        shop.catalog().products().stream().map(Product::query).collect(Collectors.toSet());
    assertTrue(types.size() >= 20, "types: " + types.size());
    assertTrue(shop.goals().size() >= 10_000, "goals: " + shop.goals().size());
    List<Goal> heldout = shop.goals(TaskSplit.HELDOUT);
    assertTrue(heldout.size() >= 1000, "held out: " + heldout.size());
    List<Goal> dev = shop.goals(TaskSplit.DEV);
    assertTrue(dev.size() >= 1000, "dev: " + dev.size());
    assertEquals(
        shop.goals().size(), heldout.size() + dev.size() + shop.goals(TaskSplit.TRAIN).size());
    Set<String> heldoutTargets = heldout.stream().map(Goal::asin).collect(Collectors.toSet());
    Set<String> devTargets = dev.stream().map(Goal::asin).collect(Collectors.toSet());
    assertTrue(
        shop.goals(TaskSplit.TRAIN).stream()
            .noneMatch(g -> heldoutTargets.contains(g.asin()) || devTargets.contains(g.asin())),
        "no held-out or dev product is ever a training target");
    assertTrue(dev.stream().noneMatch(g -> heldoutTargets.contains(g.asin())));
  }

  @Test
  void sameSeedWritesTheSameBytes(@TempDir Path other) throws IOException {
    CatalogGenerator.defaults().write(other);
    assertEquals(
        Files.readString(dir.resolve("goals.jsonl")),
        Files.readString(other.resolve("goals.jsonl")));
    assertEquals(
        Files.readString(dir.resolve("catalog.json")),
        Files.readString(other.resolve("catalog.json")));
  }

  @Test
  void everyGoalIsSatisfiedByItsTargetAndItsPriceBound() {
    for (Goal g : shop.goals()) {
      Product p = shop.target(g);
      assertTrue(p.attributes().containsAll(g.attributes()), "goal " + g.index());
      Set<String> values =
          p.options().values().stream().flatMap(List::stream).collect(Collectors.toSet());
      g.options().forEach(o -> assertTrue(values.contains(o.value()), "goal " + g.index()));
      assertTrue(shop.catalog().price(p.asin()) <= g.priceUpper(), "goal " + g.index());
    }
  }

  @Test
  void instructionsArePhrasedInManyWays() {
    Set<String> openings = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (Goal g : shop.goals()) {
      String[] w = g.instructionText().split(" ");
      openings.add(w[0] + " " + w[1]);
      texts.add(g.instructionText());
    }
    assertTrue(openings.size() >= 12, "distinct openings: " + openings.size());
    assertTrue(texts.size() > 0.98 * shop.goals().size(), "near-unique texts: " + texts.size());
  }

  @Test
  void mostGoalsHaveNearMisses() {
    Map<String, List<Product>> byType =
        shop.catalog().products().stream().collect(Collectors.groupingBy(Product::query));
    int withNearMiss = 0;
    List<Goal> sample = shop.goals().subList(0, 500);
    for (Goal g : sample) {
      Product target = shop.target(g);
      boolean nearMiss =
          byType.get(target.query()).stream()
              .filter(p -> !p.asin().equals(target.asin()))
              .anyMatch(
                  p ->
                      !p.attributes().containsAll(g.attributes())
                          || g.options().stream()
                              .anyMatch(
                                  o ->
                                      p.options().values().stream()
                                          .noneMatch(v -> v.contains(o.value())))
                          || shop.catalog().price(p.asin()) > g.priceUpper());
      if (nearMiss) {
        withNearMiss++;
      }
    }
    assertTrue(
        withNearMiss > 0.9 * sample.size(), "goals with a same-type near miss: " + withNearMiss);
  }

  @Test
  void priceBoundFollowsTheSpecRule() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    Map<Double, Integer> counts = new java.util.TreeMap<>();
    for (int i = 0; i < 6000; i++) {
      counts.merge(CatalogGenerator.priceUpper(25.99, rng), 1, Integer::sum);
    }
    assertEquals(Set.of(40.0, 50.0, 60.0), counts.keySet()); // m = 30: m+10, m+20, m+30
    assertEquals(1000, counts.get(40.0), 120); // 1/6
    assertEquals(3000, counts.get(60.0), 150); // 3/6
    assertEquals(1_000_000, CatalogGenerator.priceUpper(985, rng));
  }
}
