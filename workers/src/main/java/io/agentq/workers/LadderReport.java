package io.agentq.workers;

import io.agentq.infra.artifacts.JsonArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The ladder's table (Markdown) and its plot of success by round (PNG, made with XChart). */
final class LadderReport {
  private final String id;
  private final List<LadderRow> rows;
  private final List<LadderRow> ablations;
  private final int budget;
  private final String heldOut;

  /**
   * @param heldOut what the held-out tasks are (a seeded sample of the split, stratified by product
   *     category)
   */
  LadderReport(
      String id, List<LadderRow> rows, List<LadderRow> ablations, int budget, String heldOut) {
    this.id = id;
    this.rows = List.copyOf(rows);
    this.ablations = List.copyOf(ablations);
    this.budget = budget;
    this.heldOut = heldOut;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Ladder ").append(id).append("\n\n");
    md.append(
        "Held-out tasks, the same for every row: "
            + heldOut
            + ". Training data of each method from at most "
            + budget
            + " environment interactions on train tasks, drawn in the train split's stratified"
            + " order; searched rows back up the site reward in a sandbox.\n\n");
    md.append(LadderRow.header());
    rows.forEach(r -> md.append(r.markdown()));
    if (!ablations.isEmpty()) {
      md.append("\n## Ablations: alpha, K, theta\n\n");
      md.append(LadderRow.header());
      ablations.forEach(r -> md.append(r.markdown()));
    }
    return md.toString();
  }

  /** Success (%) by Agent Q round without search, the base at round 0; other rows as lines. */
  XYChart chart() {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("Ladder " + id + ": held-out success by round")
            .xAxisTitle("Agent Q round (0: the base)")
            .yAxisTitle("success (%)")
            .build();
    chart.getStyler().setYAxisDecimalPattern("#0.0");
    chart.getStyler().setXAxisDecimalPattern("#0");
    chart.getStyler().setYAxisMin(0.0);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    LadderRow base = find("base (BC)");
    if (base != null) {
      x.add(0.0);
      y.add(100 * base.rate().rate());
    }
    for (LadderRow r : rows) {
      if (r.name().startsWith("Agent Q round ")) {
        x.add(Double.parseDouble(r.name().substring("Agent Q round ".length())));
        y.add(100 * r.rate().rate());
      }
    }
    if (!x.isEmpty()) {
      chart.addSeries("Agent Q (no search)", x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    double right = Math.max(1, x.stream().mapToDouble(Double::doubleValue).max().orElse(1));
    for (String name :
        List.of(
            "zero-shot",
            "RFT",
            "outcome DPO",
            "base + MCTS",
            "Agent Q + MCTS",
            "MCTS alpha=1 (no critic)")) {
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

  /** Writes ladder.md and ladder.png into the store (under the ladder) and into {@code dir}. */
  void write(JsonArtifacts artifacts, Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] md = markdown().getBytes(StandardCharsets.UTF_8);
      byte[] png = BitmapEncoder.getBitmapBytes(chart(), BitmapEncoder.BitmapFormat.PNG);
      atomicWrite(dir.resolve("ladder.md"), md);
      atomicWrite(dir.resolve("ladder.png"), png);
      artifacts.store().put("ladders/" + id + "/ladder.md", md, "text/markdown");
      artifacts.store().put("ladders/" + id + "/ladder.png", png, "image/png");
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
