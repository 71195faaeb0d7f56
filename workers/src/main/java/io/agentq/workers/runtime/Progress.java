package io.agentq.workers.runtime;

import io.agentq.core.Episode;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on standard error: episodes done and successes so far. On a terminal,
 * a progress bar (the progressbar library); otherwise (a log file, CI, a script) a plain line at
 * every tenth of the way and at the end, never carriage returns.
 */
public final class Progress {
  private final PrintStream out;
  private final int total;
  private final String label;
  private final ProgressBar bar;
  private int done;
  private int wins;
  private int lastTenth;

  public Progress(PrintStream out, int total, String label) {
    this(out, total, label, System.console() != null);
  }

  public Progress(PrintStream out, int total, String label, boolean terminal) {
    this.out = out;
    this.total = total;
    this.label = label.strip();
    this.bar =
        out != null && terminal && total > 0
            ? new ProgressBarBuilder()
                .setTaskName(this.label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build()
            : null;
  }

  public static Progress silent() {
    return new Progress(null, 0, "", false);
  }

  public void done(Episode r) {
    done(r.success());
  }

  public synchronized void done(boolean success) {
    done++;
    if (success) {
      wins++;
    }
    if (out == null) {
      return;
    }
    if (bar != null) {
      bar.setExtraMessage(" success " + wins);
      bar.stepTo(done);
      if (done >= total) {
        bar.close();
      }
      return;
    }
    int tenth = total == 0 ? 10 : (int) (10L * done / total);
    if (tenth > lastTenth || done == total) {
      lastTenth = tenth;
      out.printf("%s: %d/%d done, %d successes%n", label, done, total, wins);
      out.flush();
    }
  }
}
