package io.agentq.workers.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.InputException;
import io.agentq.workers.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two runs of one ladder compared row by row, as stored ({@code ladders/ID/rows/SPLIT/ROW.json} in
 * each home's embedded store): every field but the wall times, numbers equal to 1e-9. For checking
 * that a change of orchestration left the results alone.
 */
@Command(
    name = "ladder-diff",
    mixinStandardHelpOptions = true,
    description =
        "Compare a ladder's rows in two $AGENTQ_HOME directories (tasks, solved tasks, scores,"
            + " budgets; not wall times); exit 0 when every row is the same, 1 when not.")
public final class LadderDiffCommand implements Callable<Integer> {
  @Option(names = "--id", required = true, description = "The ladder's id in both homes.")
  String id;

  @Parameters(index = "0", description = "The first home (its s3/agentq store is read).")
  Path first;

  @Parameters(index = "1", description = "The second home.")
  Path second;

  @Override
  public Integer call() throws Exception {
    Map<String, JsonNode> a = rows(first);
    Map<String, JsonNode> b = rows(second);
    List<String> differ = new ArrayList<>();
    for (String row : a.keySet()) {
      if (!b.containsKey(row)) {
        differ.add(row + ": only in " + first);
      } else if (!same(a.get(row), b.get(row))) {
        differ.add(row + ":\n    " + a.get(row) + "\n    " + b.get(row));
      }
    }
    for (String row : b.keySet()) {
      if (!a.containsKey(row)) {
        differ.add(row + ": only in " + second);
      }
    }
    differ.forEach(d -> System.out.println("differs: " + d));
    System.out.printf(
        "ladder %s: %d rows in the first, %d in the second, %d differ%n",
        id, a.size(), b.size(), differ.size());
    return differ.isEmpty() ? 0 : 1;
  }

  private Map<String, JsonNode> rows(Path home) throws Exception {
    Path dir = home.resolve("s3/agentq/ladders").resolve(id).resolve("rows");
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          home + ": no rows of ladder " + id + " under " + dir + " (is it an AGENTQ_HOME?)");
    }
    Map<String, JsonNode> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode row = Json.MAPPER.readTree(f.toFile()).get("data");
        ((com.fasterxml.jackson.databind.node.ObjectNode) row)
            .remove(List.of("trainingSeconds", "evalSeconds"));
        out.put(dir.relativize(f).toString(), row);
      }
    }
    return out;
  }

  static boolean same(JsonNode x, JsonNode y) {
    if (x.isNumber() && y.isNumber()) {
      double p = x.asDouble();
      double q = y.asDouble();
      return Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(p));
    }
    if (x.isArray() && y.isArray()) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (x.isObject() && y.isObject()) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Iterator<String> names = x.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!y.has(n) || !same(x.get(n), y.get(n))) {
          return false;
        }
      }
      return true;
    }
    return x.equals(y);
  }
}
