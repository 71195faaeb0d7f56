package io.agentq.workers;

import io.agentq.core.EpisodeResult;
import java.io.PrintStream;

/** A one-line progress bar on standard error: episodes done, successes so far. */
final class Progress {
  private final PrintStream out;
  private final int total;
  private final String label;
  private int done;
  private int wins;

  Progress(PrintStream out, int total, String label) {
    this.out = out;
    this.total = total;
    this.label = label;
  }

  static Progress silent() {
    return new Progress(null, 0, "");
  }

  void done(EpisodeResult r) {
    done(r.success());
  }

  synchronized void done(boolean success) {
    done++;
    if (success) {
      wins++;
    }
    if (out == null) {
      return;
    }
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) width * done / total);
    out.printf(
        "\r%s [%s%s] %d/%d  success %d",
        label, "#".repeat(filled), ".".repeat(width - filled), done, total, wins);
    if (done == total) {
      out.println();
    }
    out.flush();
  }
}
