package io.agentq.workers.evaluation;

import io.agentq.core.StoreKeys;
import io.agentq.core.SuccessRate;
import io.agentq.core.judge.Agreement;
import io.agentq.core.judge.Reliability;
import io.agentq.core.judge.Verdict;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.judge.JudgeTraining;
import io.agentq.infra.judge.LabelledEpisode;
import io.agentq.infra.judge.LearnedJudge;
import io.agentq.workers.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a judge does on held-out episodes against each site's own outcomes: agreement, precision and
 * recall at its threshold (with counts and 95% Wilson intervals), per site and per source of
 * episodes, and its calibration (reliability bins, expected calibration error), with the
 * reliability plot.
 *
 * @param judge the judge's name ("judge:j1")
 * @param threshold the threshold it says success from (chosen on dev)
 * @param split the split measured ("heldout")
 * @param sites one entry per site: all its episodes, then each source's
 */
public record JudgeReport(String judge, double threshold, String split, List<SiteRows> sites) {
  /** Bins of the reliability plot. */
  public static final int BINS = 10;

  /** One site's rows. */
  public record SiteRows(String site, Row all, List<Row> sources, Reliability reliability) {}

  /**
   * One row: what it counts and how the judge agreed with the site there.
   *
   * @param name "all" or a source
   * @param episodes episodes measured
   * @param successes the site's successes among them
   * @param tp judged success, succeeded
   * @param fp judged success, failed
   * @param tn judged failure, failed
   * @param fn judged failure, succeeded
   */
  public record Row(
      String name,
      int episodes,
      int successes,
      int tp,
      int fp,
      int tn,
      int fn,
      SuccessRate agreement,
      SuccessRate precision,
      SuccessRate recall,
      double f1,
      double ece) {
    static Row of(String name, List<Verdict> verdicts, double threshold) {
      Agreement a = Agreement.of(verdicts, threshold);
      return new Row(
          name,
          verdicts.size(),
          (int) verdicts.stream().filter(Verdict::success).count(),
          a.tp(),
          a.fp(),
          a.tn(),
          a.fn(),
          a.agreement(),
          a.precision(),
          a.recall(),
          a.f1(),
          Reliability.of(verdicts, BINS).ece());
    }
  }

  /** The judge on {@code episodes} (of any sites and sources), at its own threshold. */
  public static JudgeReport of(LearnedJudge judge, String split, List<LabelledEpisode> episodes) {
    Map<String, Map<String, List<Verdict>>> bySite = new TreeMap<>();
    for (LabelledEpisode e : JudgeTraining.ran(episodes)) {
      Verdict v = new Verdict(judge.probability(e.input()), e.success());
      bySite
          .computeIfAbsent(e.site(), s -> new LinkedHashMap<>())
          .computeIfAbsent(e.source(), s -> new ArrayList<>())
          .add(v);
    }
    List<SiteRows> sites = new ArrayList<>();
    bySite.forEach(
        (site, sources) -> {
          List<Verdict> all = new ArrayList<>();
          List<Row> rows = new ArrayList<>();
          sources.forEach(
              (source, verdicts) -> {
                all.addAll(verdicts);
                rows.add(Row.of(source, verdicts, judge.threshold()));
              });
          sites.add(
              new SiteRows(
                  site, Row.of("all", all, judge.threshold()), rows, Reliability.of(all, BINS)));
        });
    return new JudgeReport(judge.name(), judge.threshold(), split, sites);
  }

  /** The rows as text, one line each. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (SiteRows s : sites) {
      for (Row r : concat(s.all(), s.sources())) {
        b.append(
            String.format(
                Locale.ROOT,
                "%s %s %-18s %4d episodes (%d successes): agreement %s, precision %s, recall %s,"
                    + " F1 %.3f, ECE %.3f; tp %d fp %d tn %d fn %d%n",
                split,
                s.site(),
                r.name(),
                r.episodes(),
                r.successes(),
                r.agreement(),
                r.precision(),
                r.recall(),
                r.f1(),
                r.ece(),
                r.tp(),
                r.fp(),
                r.tn(),
                r.fn()));
      }
    }
    return b.toString();
  }

  private static List<Row> concat(Row first, List<Row> rest) {
    List<Row> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  /** The reliability plot: each site's bins (mean predicted, observed), and the diagonal. */
  XYChart chart() {
    XYChart chart =
        new XYChartBuilder()
            .width(700)
            .height(620)
            .title("Reliability of " + judge + " on " + split + " episodes")
            .xAxisTitle("predicted probability of success (bin mean)")
            .yAxisTitle("observed success rate")
            .build();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
    XYSeries diagonal =
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
    diagonal.setMarker(SeriesMarkers.NONE);
    for (SiteRows s : sites) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Reliability.Bin bin : s.reliability().bins()) {
        if (bin.count() > 0) {
          x.add(bin.predicted());
          y.add(bin.observed());
        }
      }
      if (!x.isEmpty()) {
        chart
            .addSeries(
                String.format(
                    Locale.ROOT,
                    "%s (n = %d, ECE %.3f)",
                    s.site(),
                    s.reliability().total(),
                    s.reliability().ece()),
                x,
                y)
            .setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Writes {@code report.json} and {@code reliability.png} into {@code dir} and into the store
   * beside the judge ({@code judges/jN/SPLIT.json}, {@code judges/jN/SPLIT-reliability.png}).
   */
  public void write(JsonArtifacts artifacts, String version, Path dir) {
    write(artifacts, version, split, dir);
  }

  /**
   * Writes {@code report.json} and {@code reliability.png} into {@code dir} and into the store
   * beside the judge as {@code judges/jN/NAME.json} and {@code judges/jN/NAME-reliability.png}
   * (NAME: the split, and the sites when they are not the shop alone: "heldout-booking").
   */
  public void write(JsonArtifacts artifacts, String version, String name, Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
      byte[] png = BitmapEncoder.getBitmapBytes(chart(), BitmapEncoder.BitmapFormat.PNG);
      atomicWrite(dir.resolve("report.json"), json);
      atomicWrite(dir.resolve("reliability.png"), png);
      artifacts.put(StoreKeys.judge(version, name + ".json"), "judge-report", this);
      artifacts.store().put(StoreKeys.judge(version, name + "-reliability.png"), png, "image/png");
    } catch (IOException e) {
      throw new UncheckedIOException("writing the judge's report and plot into " + dir, e);
    }
  }

  private static void atomicWrite(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
