package io.agentq.workers.evaluation;

import io.agentq.core.CategorySuccess;
import io.agentq.core.PassK;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.JsonArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ladder's report: the table (every row with its exact McNemar test against the base on the
 * same tasks, its environment steps per success and its budgets), success per product category, the
 * ablations (Markdown), and a plot of success by round (PNG, made with XChart).
 */
public final class LadderReport {
  /** The row every other is compared with. */
  static final String BASE = "base (BC)";

  private final String id;
  private final List<LadderRow> rows;
  private final List<LadderRow> ablations;
  private final int budget;
  private final String tasks;
  private final String critic;
  private final IntFunction<String> category;
  private final Map<String, List<LadderRow>> runs;
  private final String categoryName;
  private final String backedUp;

  /**
   * @param tasks what the held-out tasks are (a sample of how many, stratified how)
   * @param critic what the searches' critic is and what it cost
   * @param category a task's product category, for success per category
   */
  public LadderReport(
      String id,
      List<LadderRow> rows,
      List<LadderRow> ablations,
      int budget,
      String tasks,
      String critic,
      IntFunction<String> category) {
    this.id = id;
    this.rows = List.copyOf(rows);
    this.ablations = List.copyOf(ablations);
    this.budget = budget;
    this.tasks = tasks;
    this.critic = critic;
    this.category = category;
    this.runs = Map.of();
    this.categoryName = "product category";
    this.backedUp = "site reward in a sandbox";
  }

  private LadderReport(
      LadderReport r, Map<String, List<LadderRow>> runs, String categoryName, String backedUp) {
    this.id = r.id;
    this.rows = r.rows;
    this.ablations = r.ablations;
    this.budget = r.budget;
    this.tasks = r.tasks;
    this.critic = r.critic;
    this.category = r.category;
    this.runs = new LinkedHashMap<>(runs);
    this.categoryName = categoryName;
    this.backedUp = backedUp;
  }

  /**
   * This report with every run of the rows run more than once (row name to its runs, the row's own
   * first), for a pass^k table.
   */
  public LadderReport withRuns(Map<String, List<LadderRow>> runs) {
    return new LadderReport(this, runs, categoryName, backedUp);
  }

  /** This report with its tasks' categories called {@code name} (default: product category). */
  public LadderReport withCategoryName(String name) {
    return new LadderReport(this, runs, name, backedUp);
  }

  /** This report's searches backing up {@code what} (default: the site reward in a sandbox). */
  public LadderReport withBackedUp(String what) {
    return new LadderReport(this, runs, categoryName, what);
  }

  public String markdown() {
    LadderRow base = find(BASE);
    StringBuilder md = new StringBuilder();
    md.append("# Ladder ").append(id).append("\n\n");
    md.append(
        "Held-out tasks, the same for every row: "
            + tasks
            + ". Training data of each method from at most "
            + String.format(Locale.ROOT, "%,d", budget)
            + " environment interactions on train tasks (the training interactions column:"
            + " sampled episodes, searched trees, or episodes and their sandbox checks; expert"
            + " demonstrations are counted apart). The critic of every search: "
            + critic
            + "; its own interactions are in the critic interactions column of every row that"
            + " uses it. Searched rows back up the "
            + backedUp
            + ". \"vs base\" is the"
            + " exact McNemar test against the base (BC) on the same tasks: +tasks only the row"
            + " solved / -tasks only the base solved, two-sided p.\n\n");
    md.append(LadderRow.header());
    rows.forEach(r -> md.append(r.markdown(base)));
    if (!runs.isEmpty()) {
      md.append("\n## pass^k over the runs without search (tau-bench)\n\n");
      md.append(passK());
    }
    md.append("\n## Success by ").append(categoryName).append("\n\n");
    md.append(categories());
    if (!ablations.isEmpty()) {
      md.append("\n## Ablations: alpha, K, theta\n\n");
      md.append(LadderRow.header());
      ablations.forEach(r -> md.append(r.markdown(base)));
    }
    return md.toString();
  }

  /**
   * pass^k for k = 1..n of every row run n times on the same tasks (seeds --seed .. --seed+n-1),
   * over all tasks and over each stratum of the categories (the part before '/', as the booking
   * site's "bookable/..." and "unbookable/..."), with pass^n / pass^1.
   */
  String passK() {
    int most = runs.values().stream().mapToInt(List::size).max().orElse(1);
    StringBuilder md = new StringBuilder("| row | tasks | runs |");
    StringBuilder line = new StringBuilder("|---|---|---|");
    for (int k = 1; k <= most; k++) {
      md.append(" pass^").append(k).append(" |");
      line.append("---|");
    }
    md.append(" pass^n / pass^1 |\n").append(line).append("---|\n");
    for (Map.Entry<String, List<LadderRow>> e : runs.entrySet()) {
      List<LadderRow> all = e.getValue();
      Map<String, List<PassK.Runs>> groups = new LinkedHashMap<>();
      groups.put("", new ArrayList<>());
      for (int task : all.get(0).tasks()) {
        int won = 0;
        for (LadderRow r : all) {
          won += r.solved().contains(task) ? 1 : 0;
        }
        PassK.Runs t = new PassK.Runs(all.size(), won);
        groups.get("").add(t);
        String c = category.apply(task);
        if (c != null && c.contains("/")) {
          groups.computeIfAbsent(c.substring(0, c.indexOf('/')), g -> new ArrayList<>()).add(t);
        }
      }
      for (Map.Entry<String, List<PassK.Runs>> g : groups.entrySet()) {
        md.append("| ")
            .append(e.getKey())
            .append(g.getKey().isEmpty() ? "" : ", " + g.getKey() + " tasks")
            .append(" | ")
            .append(g.getValue().size())
            .append(" | ")
            .append(all.size())
            .append(" |");
        for (int k = 1; k <= most; k++) {
          md.append(
              k <= all.size()
                  ? String.format(Locale.ROOT, " %.1f%% |", 100 * PassK.of(g.getValue(), k))
                  : " - |");
        }
        double first = PassK.of(g.getValue(), 1);
        double last = PassK.of(g.getValue(), all.size());
        md.append(first == 0 ? " - |" : String.format(Locale.ROOT, " %.2f |", last / first))
            .append('\n');
      }
    }
    return md.toString();
  }

  /**
   * Success per category of the main rows: the bases, RFT, outcome DPO, every variant's last round
   * without search, and every searched row.
   */
  String categories() {
    List<LadderRow> shown = new ArrayList<>();
    Map<String, LadderRow> lastRound = new LinkedHashMap<>();
    for (LadderRow r : rows) {
      int at = r.name().lastIndexOf(" round ");
      if (at > 0) {
        lastRound.put(r.name().substring(0, at), r);
      } else if (!r.name().equals("zero-shot")) {
        shown.add(r);
      }
    }
    int insertAt = Math.min(shown.size(), 4);
    shown.addAll(insertAt, lastRound.values());
    Map<String, Map<String, CategorySuccess>> byRow = new LinkedHashMap<>();
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (LadderRow r : shown) {
      Map<String, CategorySuccess> m = new LinkedHashMap<>();
      for (CategorySuccess c : CategorySuccess.of(r.outcomes(), category)) {
        m.put(c.category(), c);
        counts.merge(c.category(), c.tasks(), Math::max); // a searched row may run on fewer
      }
      byRow.put(r.name(), m);
    }
    StringBuilder md = new StringBuilder("| category | tasks |");
    StringBuilder line = new StringBuilder("|---|---|");
    for (LadderRow r : shown) {
      md.append(' ').append(r.name()).append(" |");
      line.append("---|");
    }
    md.append('\n').append(line).append('\n');
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      md.append("| ").append(c.getKey()).append(" | ").append(c.getValue()).append(" |");
      for (LadderRow r : shown) {
        CategorySuccess s = byRow.get(r.name()).get(c.getKey());
        md.append(
            s == null
                ? " - |"
                : String.format(Locale.ROOT, " %.0f%% |", 100.0 * s.successes() / s.tasks()));
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** Success (%) by round without search of every Agent Q variant, the bases at round 0. */
  XYChart chart() {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(
                "Ladder "
                    + id
                    + ": "
                    + (tasks.startsWith("DEV") ? "dev" : "held-out")
                    + " success by round")
            .xAxisTitle("round (0: the base)")
            .yAxisTitle("success (%)")
            .build();
    chart.getStyler().setYAxisDecimalPattern("#0.0");
    chart.getStyler().setXAxisDecimalPattern("#0");
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    Map<String, List<double[]>> lines = new LinkedHashMap<>();
    LadderRow base = find(BASE);
    LadderRow baseOld = find("BC, legacy row");
    for (LadderRow r : rows) {
      int at = r.name().lastIndexOf(" round ");
      if (at < 0) {
        continue;
      }
      String variant = r.name().substring(0, at);
      List<double[]> points =
          lines.computeIfAbsent(
              variant,
              v -> {
                List<double[]> l = new ArrayList<>();
                LadderRow start = v.contains("legacy row") ? baseOld : base;
                if (start != null) {
                  l.add(new double[] {0, 100 * start.rate().rate()});
                }
                return l;
              });
      points.add(
          new double[] {
            Double.parseDouble(r.name().substring(at + " round ".length())), 100 * r.rate().rate()
          });
    }
    double right = 1;
    for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double[] p : e.getValue()) {
        x.add(p[0]);
        y.add(p[1]);
        right = Math.max(right, p[0]);
      }
      chart.addSeries(e.getKey() + " (no search)", x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    for (String name : List.of("zero-shot", "RFT", "outcome DPO", "base + MCTS")) {
      LadderRow r = find(name);
      if (r != null) {
        double v = 100 * r.rate().rate();
        XYSeries s = chart.addSeries(name, new double[] {0, right}, new double[] {v, v});
        s.setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  private LadderRow find(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Writes {@code name}.md and {@code name}.png into the store (under the ladder) and into {@code
   * dir}.
   */
  public void write(JsonArtifacts artifacts, Path dir, String name) {
    try {
      Files.createDirectories(dir);
      byte[] md = markdown().getBytes(StandardCharsets.UTF_8);
      byte[] png = BitmapEncoder.getBitmapBytes(chart(), BitmapEncoder.BitmapFormat.PNG);
      atomicWrite(dir.resolve(name + ".md"), md);
      atomicWrite(dir.resolve(name + ".png"), png);
      artifacts.store().put(StoreKeys.ladder(id, name + ".md"), md, "text/markdown");
      artifacts.store().put(StoreKeys.ladder(id, name + ".png"), png, "image/png");
    } catch (IOException e) {
      throw new UncheckedIOException("writing the ladder's table and plot into " + dir, e);
    }
  }

  private static void atomicWrite(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
