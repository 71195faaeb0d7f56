package io.agentq.workers.tools;

import io.agentq.core.InputException;
import io.agentq.core.training.Preference;
import io.agentq.core.training.TrainingConfig;
import io.agentq.infra.training.PolicyNetwork;
import io.agentq.infra.training.PolicyTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DPO training throughput (pairs per second) and peak memory on this machine, for several batch
 * sizes side by side in one run, on node-level pairs of the policy's real shape (feature rows of
 * the shop's width, candidate sets of the shop's sizes) drawn from a seeded generator.
 */
@Command(
    name = "bench-dpo",
    description = "DPO pairs per second and peak memory, batch sizes side by side in one run.")
public final class BenchDpoCommand implements Callable<Integer> {
  @Option(names = "--pairs", defaultValue = "4000", description = "Node-level pairs.")
  int pairs;

  @Option(
      names = "--width",
      defaultValue = "399",
      description = "Feature row width (the policy's: 399).")
  int width;

  @Option(
      names = "--candidates",
      defaultValue = "10,60",
      split = ",",
      description = "Least and most candidates of a page.")
  List<Integer> candidates;

  @Option(
      names = "--batches",
      defaultValue = "16,32,64",
      split = ",",
      description = "Batch sizes to compare.")
  List<Integer> batches;

  @Option(names = "--epochs", defaultValue = "2", description = "Epochs per batch size.")
  int epochs;

  @Option(names = "--hidden", defaultValue = "64", split = ",", description = "Hidden layer sizes.")
  List<Integer> hidden;

  @Override
  public Integer call() throws Exception {
    if (pairs < 1
        || epochs < 1
        || candidates.size() != 2
        || candidates.get(0) < 2
        || candidates.get(1) < candidates.get(0)) {
      throw new InputException(
          "--pairs and --epochs must be at least 1; --candidates LEAST,MOST with 2 <= LEAST <= MOST");
    }
    SplittableRandom r = new SplittableRandom(7);
    List<Preference> data = new ArrayList<>();
    float[][] page = null;
    for (int i = 0; i < pairs; i++) {
      if (i % 6 == 0) { // a node of K = 4 explored children gives up to 6 pairs on one page
        int n = candidates.get(0) + r.nextInt(candidates.get(1) - candidates.get(0) + 1);
        page = new float[n][width];
        for (float[] row : page) {
          for (int d = 0; d < width; d++) {
            row[d] = (float) r.nextGaussian();
          }
        }
      }
      int w = r.nextInt(page.length);
      int l = (w + 1 + r.nextInt(page.length - 1)) % page.length;
      data.add(Preference.atNode(page, w, l, -2 - r.nextDouble(), -2 - r.nextDouble()));
    }
    System.out.printf(
        Locale.ROOT,
        "%d node-level pairs, rows of width %d, %d-%d candidates a page, mlp hidden %s, %d epochs each; %d cores%n",
        pairs,
        width,
        candidates.get(0),
        candidates.get(1),
        hidden,
        epochs,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| batch | pairs/s | ms per batch | final loss | peak heap (MB) | process peak RSS so far (MB) |");
    System.out.println("|---|---|---|---|---|---|");
    for (int batch : batches) {
      resetPeaks();
      TrainingConfig config =
          new TrainingConfig(
              io.agentq.core.training.Objective.DPO, epochs, batch, 1e-3, 0.1, 0, 1e4, 1);
      try (PolicyNetwork net =
          PolicyNetwork.initialised(new PolicyNetwork.Architecture("bench", width, hidden), 1)) {
        long start = System.nanoTime();
        PolicyTrainer.Result res =
            new PolicyTrainer(config)
                .prefer(net, data, PolicyTrainer.Resume.fresh(), (e, w, m) -> {});
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = (double) pairs * epochs / seconds;
        System.out.printf(
            Locale.ROOT,
            "| %d | %.0f | %.1f | %.4f | %.0f | %.0f |%n",
            batch,
            perSecond,
            1000 * seconds / (epochs * Math.ceil((double) pairs / batch)),
            res.last().loss(),
            peakHeapMb(),
            peakRssMb());
      }
    }
    return 0;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / 1e6;
  }

  /** The process's peak resident memory (heap, PyTorch's native memory, everything), from Linux. */
  private static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
