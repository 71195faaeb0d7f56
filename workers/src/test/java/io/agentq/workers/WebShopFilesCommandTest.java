package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.assertOneLineError;
import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.workers.CommandLineTest.Run;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The commands on WebShop's own files: items_shuffle.json (with items_ins_v2.json) as the catalog,
 * and goals given as JSONL with {@code instruction} or as items_human_ins.json.
 */
class WebShopFilesCommandTest {
  private static String fixture(String name) {
    try {
      return Path.of(WebShopFilesCommandTest.class.getResource("webshop/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String ITEMS = fixture("items_shuffle.json");
  private static final String ATTRIBUTES = fixture("items_ins_v2.json");
  private static final String HUMAN_JSONL = fixture("human.jsonl");
  private static final String HUMAN_INS = fixture("items_human_ins.json");

  @Test
  void evalRunsOnGoalsThatUseTheFieldInstruction() {
    Run r =
        run(
            "eval",
            "--catalog",
            ITEMS,
            "--goals",
            HUMAN_JSONL,
            "--split",
            "all",
            "--limit",
            "2",
            "--search",
            "none",
            "--driver",
            "http");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("split=all tasks=2"), r.out());
    assertTrue(r.out().contains("success by product category:"), r.out());
  }

  @Test
  void theExpertSolvesEveryHumanGoalOfItemsHumanIns() throws IOException {
    Run r =
        run(
            "expert",
            "--catalog",
            ITEMS,
            "--attributes",
            ATTRIBUTES,
            "--goals",
            HUMAN_INS,
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    // 5 instructions: one has no instruction_attributes and one names a product not in the
    // catalog, so WebShop (and the loader) make 3 goals of them.
    assertEquals(3, j.get("tasks").asInt(), r.out());
    assertEquals(1.0, j.get("successRate").asDouble(), r.out());
    assertTrue(r.err().contains("skipped 2 instruction(s) as WebShop does"), r.err());
  }

  @Test
  void helpNamesTheLayoutsAndAttributes() {
    Run r = run("eval", "--help");
    assertTrue(r.out().contains("--attributes=<attributes>"), r.out());
    assertTrue(r.out().contains("items_shuffle.json"), r.out());
    assertTrue(r.out().contains("items_human_ins.json"), r.out());
  }

  @Test
  void badWebShopInputIsOneLine() {
    assertOneLineError(
        run("eval", "--attributes", ATTRIBUTES, "--limit", "1"),
        "--attributes merges into a --catalog");
    assertErrorAfterTheCatalogWarning(
        run("expert", "--catalog", ITEMS, "--goals", ITEMS, "--limit", "1"),
        "goals " + ITEMS + ": line 1: not valid JSON",
        "accepted layouts: JSONL",
        "items_human_ins.json");
    assertErrorAfterTheCatalogWarning(
        run("expert", "--catalog", ITEMS, "--attributes", ITEMS, "--goals", HUMAN_INS),
        "attributes " + ITEMS + ": expected a JSON object of asin to {\"attributes\"");
  }

  /**
   * The fixture catalog loads with one warning (it holds records WebShop skips); the error is the
   * one line after it.
   */
  private static void assertErrorAfterTheCatalogWarning(Run r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("skipped 3 record(s)"));
    assertTrue(lines.get(1).startsWith("agentq: error: "), r.err());
    for (String f : fragments) {
      assertTrue(lines.get(1).contains(f), r.err());
    }
  }
}
