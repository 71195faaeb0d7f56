package io.agentq.environments.shop;

import io.agentq.core.InputException;
import io.agentq.core.TaskSampler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A catalog and its goals, loaded from files in WebShop's layouts: the catalog a JSON array of
 * product records ({@code items_shuffle.json}), optionally with the attributes of {@code
 * items_ins_v2.json} merged in ({@link CatalogFile}); the goals JSONL with one goal per line, or
 * WebShop's {@code items_human_ins.json} ({@link GoalsFile}). Every problem is reported as an
 * {@link InputException} that names the file, the record and the field.
 */
public final class ShopData {
  /** The separator of WebShop's {@code product_category} breadcrumbs. */
  static final String BREADCRUMB = "\u203a";

  private final Catalog catalog;
  private final List<Goal> goals;
  private final Map<TaskSplit, List<Goal>> samples = new ConcurrentHashMap<>();
  private volatile Map<String, String> categoryNames;

  public ShopData(Catalog catalog, List<Goal> goals) {
    this.catalog = catalog;
    this.goals = List.copyOf(goals);
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<Goal> goals() {
    return goals;
  }

  public List<Goal> goals(TaskSplit split) {
    return goals.stream().filter(split::contains).toList();
  }

  /** The goal with this task id (its line number in the goals file). */
  public Goal goal(int taskId) {
    if (taskId < 0 || taskId >= goals.size()) {
      throw new InputException(
          "--task: unknown task id "
              + taskId
              + " (this goals file has ids 0 to "
              + (goals.size() - 1)
              + ")");
    }
    return goals.get(taskId);
  }

  public Product target(Goal goal) {
    return catalog.product(goal.asin()).orElseThrow();
  }

  /**
   * The task's category, which samples are stratified by: its target product's {@code
   * product_category} breadcrumb (WebShop's; one per product type on the generated shop), "" when
   * the catalog gives none.
   */
  public String category(Goal goal) {
    return target(goal).productCategory().strip();
  }

  /**
   * The task's category as reports name it: the breadcrumb's last level ("Dress Shirts"), with the
   * levels before it only when another category of this catalog ends the same way, so that names
   * stay one per category; "(no category)" for "".
   */
  public String categoryName(Goal goal) {
    Map<String, String> names = categoryNames;
    if (names == null) {
      names =
          shortNames(catalog.products().stream().map(p -> p.productCategory().strip()).toList());
      categoryNames = names;
    }
    return names.get(category(goal));
  }

  /**
   * The split's goals in the one order every consumer draws tasks in: {@link TaskSampler}'s,
   * stratified by {@link #category}, with {@link TaskSampler#SAMPLE_SEED}. The first N are a seeded
   * sample of N in which each category's count is within 1 of N times its share of the split.
   */
  public List<Goal> sample(TaskSplit split) {
    return samples.computeIfAbsent(
        split,
        s -> {
          List<Goal> in = goals(s);
          Map<Integer, Goal> byId =
              in.stream().collect(Collectors.toMap(Goal::index, Function.identity()));
          List<TaskSampler.Task> tasks =
              in.stream().map(g -> new TaskSampler.Task(g.index(), category(g))).toList();
          return TaskSampler.order(tasks, TaskSampler.SAMPLE_SEED).stream().map(byId::get).toList();
        });
  }

  /** The shortest suffix of each breadcrumb that no other breadcrumb of the list shares. */
  static Map<String, String> shortNames(List<String> categories) {
    Map<String, List<String>> levels = new HashMap<>();
    for (String c : categories) {
      levels.computeIfAbsent(
          c,
          k ->
              Arrays.stream(k.split(BREADCRUMB))
                  .map(String::strip)
                  .filter(l -> !l.isEmpty())
                  .toList());
    }
    int deepest = levels.values().stream().mapToInt(List::size).max().orElse(0);
    Map<String, String> names = new HashMap<>();
    for (int k = 1; k <= deepest && names.size() < levels.size(); k++) {
      Map<String, Integer> uses = new HashMap<>();
      for (List<String> l : levels.values()) {
        uses.merge(suffix(l, k), 1, Integer::sum);
      }
      for (var e : levels.entrySet()) {
        String name = suffix(e.getValue(), k);
        boolean whole = k >= e.getValue().size();
        if (!e.getValue().isEmpty()
            && !names.containsKey(e.getKey())
            && (uses.get(name) == 1 || whole)) {
          names.put(e.getKey(), name);
        }
      }
    }
    levels.forEach((c, l) -> names.putIfAbsent(c, "(no category)"));
    return names;
  }

  private static String suffix(List<String> levels, int k) {
    return String.join(
        " " + BREADCRUMB + " ", levels.subList(Math.max(0, levels.size() - k), levels.size()));
  }

  public static ShopData load(Path catalogFile, Path goalsFile) {
    return load(catalogFile, null, goalsFile);
  }

  /**
   * The shop of a catalog file, the attributes of an {@code items_ins_v2.json}-layout file merged
   * into it (when {@code attributesFile} is not null), and a goals file in either goals layout.
   */
  public static ShopData load(Path catalogFile, Path attributesFile, Path goalsFile) {
    Catalog catalog = Catalog.of(loadProducts(catalogFile, attributesFile));
    return new ShopData(catalog, loadGoals(goalsFile, catalog));
  }

  public static List<Product> loadProducts(Path file) {
    return loadProducts(file, null);
  }

  /** See {@link CatalogFile} for the layout and WebShop's rules it follows. */
  public static List<Product> loadProducts(Path file, Path attributesFile) {
    return CatalogFile.load(file, attributesFile);
  }

  /** See {@link GoalsFile} for the two layouts and WebShop's rules they follow. */
  public static List<Goal> loadGoals(Path file, Catalog catalog) {
    return GoalsFile.load(file, catalog);
  }
}
