package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the default shop, whose goals file lists one product type after another, the first N tasks of
 * a split's sample cover every product category in proportion and hold tasks of that split only.
 */
class TaskSampleTest {
  @TempDir static Path dir;
  static ShopData shop;

  @BeforeAll
  static void defaultShop() {
    CatalogGenerator.defaults().write(dir);
    shop = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
  }

  @Test
  void theFirst200TrainTasksSpanEveryCategoryInProportion() {
    List<Goal> first = shop.sample(TaskSplit.TRAIN).subList(0, 200);
    assertEquals(List.of(), problems(first, TaskSplit.TRAIN));
  }

  @Test
  void aHeldOutSampleOf500SpansEveryCategoryInProportion() {
    List<Goal> first = shop.sample(TaskSplit.HELDOUT).subList(0, 500);
    assertEquals(List.of(), problems(first, TaskSplit.HELDOUT));
  }

  @Test
  void theGoalsFilesOwnOrderFailsTheSameCheck() {
    // What the sample guards against: the first tasks of the file are a few product types.
    assertFalse(problems(shop.goals(TaskSplit.TRAIN).subList(0, 200), TaskSplit.TRAIN).isEmpty());
    assertFalse(
        problems(shop.goals(TaskSplit.HELDOUT).subList(0, 500), TaskSplit.HELDOUT).isEmpty());
  }

  @Test
  void theSampleIsTheWholeSplitOnceAndTheSameEachTime() {
    for (TaskSplit s : List.of(TaskSplit.TRAIN, TaskSplit.DEV, TaskSplit.HELDOUT, TaskSplit.ALL)) {
      List<Goal> sample = shop.sample(s);
      assertEquals(
          shop.goals(s).stream().map(Goal::index).sorted().toList(),
          sample.stream().map(Goal::index).sorted().toList(),
          s.name());
      ShopData again = ShopData.load(dir.resolve("catalog.json"), dir.resolve("goals.jsonl"));
      assertEquals(sample, again.sample(s), "the same seed, the same sample");
    }
  }

  @Test
  void categoriesAreTheProductTypesBreadcrumbsNamedByTheirLastLevel() {
    Goal g = shop.goals().get(0);
    assertEquals(
        "Clothing, Shoes & Jewelry \u203a Men \u203a Clothing \u203a Shirts \u203a Dress Shirts",
        shop.category(g));
    assertEquals("Dress Shirts", shop.categoryName(g));
    assertEquals(26, shop.goals().stream().map(shop::categoryName).distinct().count());
    Map<String, String> names =
        ShopData.shortNames(
            List.of("A \u203a Shirts", "B \u203a Shirts", "Shirts", "C \u203a D", ""));
    assertEquals("A \u203a Shirts", names.get("A \u203a Shirts"));
    assertEquals("B \u203a Shirts", names.get("B \u203a Shirts"));
    assertEquals("Shirts", names.get("Shirts"));
    assertEquals("D", names.get("C \u203a D"));
    assertEquals("(no category)", names.get(""));
  }

  /**
   * What is wrong with {@code sample} as tasks of {@code split}: a task of another split (by its
   * target product), a category of the split missing, or one more than twice its share.
   */
  static List<String> problems(List<Goal> sample, TaskSplit split) {
    List<String> out = new ArrayList<>();
    for (Goal g : sample) {
      if (TaskSplit.of(g.asin()) != split) {
        out.add("task " + g.index() + " is " + TaskSplit.of(g.asin()));
      }
    }
    List<Goal> whole = shop.goals(split);
    Map<String, Long> inSplit =
        whole.stream().collect(Collectors.groupingBy(shop::category, Collectors.counting()));
    Map<String, Long> inSample =
        sample.stream().collect(Collectors.groupingBy(shop::category, Collectors.counting()));
    assertEquals(26, inSplit.size(), "the split has every product type");
    assertTrue(sample.stream().map(Goal::index).distinct().count() == sample.size(), "no repeats");
    for (var e : inSplit.entrySet()) {
      long n = inSample.getOrDefault(e.getKey(), 0L);
      double share = (double) e.getValue() / whole.size();
      if (n == 0) {
        out.add("no task of " + e.getKey());
      } else if (n > 2 * share * sample.size()) {
        out.add(
            String.format(
                "%d tasks of %s, more than twice its share %.3f of %d",
                n, e.getKey(), share, sample.size()));
      }
    }
    return out;
  }
}
