package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Success per category, counted and tabulated by hand. */
class CategorySuccessTest {
  @Test
  void rowsPerCategorySortedByName() {
    Map<Integer, Boolean> outcomes = new LinkedHashMap<>();
    outcomes.put(7, true);
    outcomes.put(3, false);
    outcomes.put(12, true);
    outcomes.put(5, true);
    outcomes.put(9, false);
    // Tasks 3, 5 and 7 are mats, 9 and 12 lipstick.
    List<CategorySuccess> rows = CategorySuccess.of(outcomes, t -> t < 8 ? "Mats" : "Lip | Stick");
    assertEquals(
        List.of(new CategorySuccess("Lip | Stick", 2, 1), new CategorySuccess("Mats", 3, 2)), rows);
    assertEquals(2.0 / 3, rows.get(1).rate(), 1e-12);
    assertEquals(0.0, new CategorySuccess("none", 0, 0).rate());
    assertEquals(
        "| category | tasks | successes | rate |\n"
            + "|---|---|---|---|\n"
            + "| Lip \\| Stick | 2 | 1 | 50.0% |\n"
            + "| Mats | 3 | 2 | 66.7% |\n",
        CategorySuccess.markdown(rows));
  }
}
