package io.agentq.environments.shop;

import io.agentq.core.InputException;
import java.nio.file.Path;
import java.util.List;

/**
 * A catalog and its goals, loaded from files in WebShop's layouts: the catalog a JSON array of
 * product records ({@code items_shuffle.json}), optionally with the attributes of {@code
 * items_ins_v2.json} merged in ({@link CatalogFile}); the goals JSONL with one goal per line, or
 * WebShop's {@code items_human_ins.json} ({@link GoalsFile}). Every problem is reported as an
 * {@link InputException} that names the file, the record and the field.
 */
public final class ShopData {
  private final Catalog catalog;
  private final List<Goal> goals;

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
