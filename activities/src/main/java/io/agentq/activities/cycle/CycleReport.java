package io.agentq.activities.cycle;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.agentq.activities.training.TaskSite;
import io.agentq.core.Episode;
import io.agentq.core.SuccessRate;
import io.agentq.core.search.PreferencePair;
import io.agentq.core.training.EpochMetrics;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.infra.training.RuledPairs;
import io.agentq.workflows.cycle.CycleRecord;
import io.agentq.workflows.cycle.StepState;
import io.agentq.workflows.training.EvalSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * A cycle's report: {@code reports/ID/report.json} (the numbers), {@code report.html} (a Mustache
 * template) and its plots (XChart): held-out success before and after, with and without search;
 * success by cycle; the training curves; the pairs; success per category; the environment steps
 * spent; the failed episodes; the comparison with the cycle before.
 */
public final class CycleReport {
  private static final Mustache TEMPLATE =
      new DefaultMustacheFactory("io/agentq/activities/cycle").compile("report.mustache");

  private final JsonArtifacts artifacts;
  private final TaskSite site;
  private final PolicyStore policies;

  public CycleReport(JsonArtifacts artifacts, TaskSite site, PolicyStore policies) {
    this.artifacts = artifacts;
    this.site = site;
    this.policies = policies;
  }

  record Row(String label, String policy, String success, String interval, double rate) {}

  record StepRow(String step, String status, String seconds, String summary, String error) {}

  record CycleRow(
      String cycle,
      String parent,
      String candidate,
      String before,
      String after,
      String beforeSearch,
      String afterSearch,
      boolean promoted) {}

  record EpochRow(int epoch, String loss, String accuracy, String margin, String seconds) {}

  record Count(String action, int preferred, int rejected) {}

  record CategoryRow(String category, int tasks, String before, String after) {}

  record Failure(int task, String category, String key, double score, int steps) {}

  public String write(String cycleId) {
    CycleRecord r =
        artifacts
            .get(CycleKeys.record(cycleId), CycleRecord.class)
            .orElseThrow(() -> new IllegalStateException("no record of cycle " + cycleId));
    String dir = CycleKeys.reportDir(cycleId);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("cycle", cycleId);
    model.put("environment", r.request().environment());
    model.put("parent", r.request().parent());
    model.put("candidate", r.round() == null ? "-" : r.round().version());
    model.put("promoted", Boolean.TRUE.equals(r.promoted()));
    model.put("search", r.request().search().budget());
    model.put("critic", r.request().critic());
    model.put("budget", r.request().budget());

    List<StepRow> steps = new ArrayList<>();
    for (StepState s : r.steps()) {
      if (s.step() == io.agentq.workflows.cycle.CycleStep.REPORT && !s.finished()) {
        steps.add(new StepRow(s.step().label(), "writing", "", "this page", null));
        continue;
      }
      steps.add(
          new StepRow(
              s.step().label(),
              s.status(),
              s.seconds() > 0 ? String.format(Locale.ROOT, "%.1f", s.seconds()) : "",
              s.summary() == null ? "" : s.summary(),
              s.error()));
    }
    model.put("steps", steps);

    CycleRecord.Evaluated e = r.evaluated();
    List<Row> heldout = new ArrayList<>();
    if (e != null) {
      heldout.add(row("before, no search", e.parent()));
      heldout.add(row("after, no search", e.candidate()));
      if (e.parentSearch() != null) {
        heldout.add(row("before, with search", e.parentSearch()));
        heldout.add(row("after, with search", e.candidateSearch()));
      }
    }
    model.put("heldout", heldout);

    // Success by cycle of the lineage, in the order the cycles started.
    List<CycleRecord> all = new ArrayList<>();
    for (String id : CycleKeys.cycles(artifacts.store())) {
      artifacts.get(CycleKeys.record(id), CycleRecord.class).ifPresent(all::add);
    }
    all.sort(
        Comparator.comparingLong((CycleRecord c) -> c.steps().get(0).startedMillis())
            .thenComparing(c -> c.request().cycleId()));
    List<CycleRow> cycles = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    List<Double> afterSearch = new ArrayList<>();
    CycleRecord previous = null;
    boolean seenThis = false;
    for (CycleRecord c : all) {
      if (c.evaluated() == null || !c.request().lineageName().equals(r.request().lineageName())) {
        continue;
      }
      if (c.request().cycleId().equals(cycleId)) {
        seenThis = true;
      } else if (!seenThis) {
        previous = c;
      }
      CycleRecord.Evaluated ce = c.evaluated();
      cycles.add(
          new CycleRow(
              c.request().cycleId(),
              c.request().parent(),
              c.round().version(),
              pct(ce.parent()),
              pct(ce.candidate()),
              ce.parentSearch() == null ? "-" : pct(ce.parentSearch()),
              ce.candidateSearch() == null ? "-" : pct(ce.candidateSearch()),
              Boolean.TRUE.equals(c.promoted())));
      xs.add((double) xs.size() + 1);
      after.add(100 * ce.candidate().successRate());
      afterSearch.add(
          ce.candidateSearch() == null ? Double.NaN : 100 * ce.candidateSearch().successRate());
    }
    model.put("cycles", cycles);
    model.put("previous", previous == null ? null : previous.request().cycleId());
    if (previous != null && previous.evaluated() != null && e != null) {
      model.put(
          "comparison",
          String.format(
              Locale.ROOT,
              "cycle %s ended at %s on held-out without search; this cycle ends at %s",
              previous.request().cycleId(),
              pct(previous.evaluated().candidate()),
              pct(e.candidate())));
    }
    if (!xs.isEmpty()) {
      XYChart chart =
          new XYChartBuilder()
              .width(640)
              .height(360)
              .title("Held-out success by cycle")
              .xAxisTitle("cycle")
              .yAxisTitle("success (%)")
              .build();
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
      chart.addSeries("after the cycle, no search", xs, after);
      if (afterSearch.stream().anyMatch(v -> !v.isNaN())) {
        chart.addSeries("after the cycle, with search", xs, afterSearch);
      }
      png(dir + "success.png", chart);
      model.put("successPlot", "success.png");
    }

    // Training curves of the candidate.
    List<EpochRow> epochs = new ArrayList<>();
    if (r.round() != null) {
      PolicyVersion v = policies.manifest(r.round().version()).orElse(null);
      if (v != null && !v.metrics().isEmpty()) {
        List<Double> ex = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> margin = new ArrayList<>();
        for (EpochMetrics m : v.metrics()) {
          epochs.add(
              new EpochRow(
                  m.epoch(),
                  String.format(Locale.ROOT, "%.4f", m.loss()),
                  String.format(Locale.ROOT, "%.3f", m.accuracy()),
                  String.format(Locale.ROOT, "%.4f", m.meanMargin()),
                  String.format(Locale.ROOT, "%.1f", m.seconds())));
          ex.add((double) m.epoch());
          loss.add(m.loss());
          margin.add(m.meanMargin());
        }
        XYChart chart =
            new XYChartBuilder()
                .width(640)
                .height(360)
                .title("Training of " + v.version())
                .xAxisTitle("epoch")
                .yAxisTitle("value")
                .build();
        chart.addSeries("loss", ex, loss);
        chart.addSeries("DPO reward margin", ex, margin);
        png(dir + "training.png", chart);
        model.put("trainingPlot", "training.png");
        model.put("training", v.training().describe());
      }
    }
    model.put("epochs", epochs);

    // Pairs.
    CycleRecord.PairsMade p = r.pairs();
    if (p != null) {
      model.put(
          "pairs",
          String.format(
              Locale.ROOT,
              "%d pairs from this cycle's trees, mean Q_mix gap %.3f, %.0f%% decided by the critic"
                  + " alone; the round trained on the replay buffer of %d pairs (this cycle and %s)",
              p.pairs(),
              p.meanGap(),
              100 * p.criticOnly(),
              p.bufferPairs(),
              p.bufferCycles().isEmpty()
                  ? "no earlier cycle"
                  : String.join(", ", p.bufferCycles())));
      model.put("actions", actionCounts(cycleId, r));
    }

    // Success per category and the failed episodes of the candidate, no search.
    if (e != null) {
      List<CategoryRow> categories = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      Map<String, int[]> byCategory = new TreeMap<>();
      List<Integer> tasks = site.tasks("heldout", e.candidate().tasks());
      for (int task : tasks) {
        String category = site.category(task);
        int[] c = byCategory.computeIfAbsent(category, k -> new int[3]);
        c[0]++;
        Episode before = episode(e.parent(), task);
        Episode now = episode(e.candidate(), task);
        c[1] += before != null && before.success() ? 1 : 0;
        c[2] += now != null && now.success() ? 1 : 0;
        if (now != null && !now.success()) {
          failures.add(
              new Failure(
                  task,
                  category,
                  e.candidate().key() + "/t" + task + ".json",
                  now.score(),
                  now.length()));
        }
      }
      byCategory.forEach(
          (k, c) ->
              categories.add(
                  new CategoryRow(
                      k,
                      c[0],
                      String.format(Locale.ROOT, "%.0f%%", 100.0 * c[1] / c[0]),
                      String.format(Locale.ROOT, "%.0f%%", 100.0 * c[2] / c[0]))));
      model.put("categories", categories);
      model.put("failures", failures);
      model.put("failureCount", failures.size());
    }

    // Environment steps spent.
    int collected = r.collected() == null ? 0 : r.collected().interactions();
    int overrun = r.collected() == null ? 0 : r.collected().overrun();
    int evaluation = 0;
    if (e != null) {
      evaluation += e.parent().interactions() + e.candidate().interactions();
      if (e.parentSearch() != null) {
        evaluation += e.parentSearch().interactions() + e.candidateSearch().interactions();
      }
    }
    int dev = 0;
    if (r.round() != null) {
      dev += r.round().dev().interactions();
      dev += r.round().currentDev() == null ? 0 : r.round().currentDev().interactions();
    }
    model.put(
        "spent",
        String.format(
            Locale.ROOT,
            "collection %,d interactions (budget %,d) and %,d by episodes still running when it was"
                + " reached; dev evaluation %,d steps; held-out evaluation %,d steps",
            collected,
            r.request().budget(),
            overrun,
            dev,
            evaluation));

    artifacts.put(dir + "report.json", "cycle-report", model);
    StringWriter html = new StringWriter();
    TEMPLATE.execute(html, model);
    artifacts
        .store()
        .put(dir + "report.html", html.toString().getBytes(StandardCharsets.UTF_8), "text/html");
    return dir + "report.html";
  }

  private Episode episode(EvalSummary eval, int task) {
    return artifacts.get(eval.key() + "/t" + task + ".json", Episode.class).orElse(null);
  }

  private List<Count> actionCounts(String cycleId, CycleRecord r) {
    Map<String, int[]> counts = new TreeMap<>();
    String[] trees = artifacts.get(r.collected().treesKey(), String[].class).orElse(new String[0]);
    RuledPairs ruled =
        new RuledPairs(artifacts, r.request().search().pairThreshold(), r.request().visits());
    for (String tree : trees) {
      String episode = tree.replaceAll("^episodes/|/tree\\.json$", "");
      for (PreferencePair p : ruled.write(tree, CycleKeys.pairFile(cycleId, episode)).pairs()) {
        counts.computeIfAbsent(ActionKind.of(p.preferred()), k -> new int[2])[0]++;
        counts.computeIfAbsent(ActionKind.of(p.rejected()), k -> new int[2])[1]++;
      }
    }
    List<Count> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(new Count(k, v[0], v[1])));
    return out;
  }

  private static Row row(String label, EvalSummary e) {
    SuccessRate s = SuccessRate.of(e.successes(), e.tasks());
    return new Row(
        label,
        e.policy(),
        String.format(Locale.ROOT, "%d/%d = %.1f%%", e.successes(), e.tasks(), 100 * s.rate()),
        String.format(Locale.ROOT, "%.1f-%.1f%%", 100 * s.low(), 100 * s.high()),
        s.rate());
  }

  private static String pct(EvalSummary e) {
    return String.format(
        Locale.ROOT, "%d/%d = %.1f%%", e.successes(), e.tasks(), 100 * e.successRate());
  }

  private void png(String key, XYChart chart) {
    try {
      artifacts
          .store()
          .put(
              key,
              BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG),
              "image/png");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
