package io.agentq.infra.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one piece of work per item on a few threads and returns the results in the items' order; the
 * first failure is rethrown as it was (a RuntimeException), the pool is always shut down.
 */
public final class InParallel {
  private InParallel() {}

  public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<R>> running = new ArrayList<>();
      for (T item : items) {
        running.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : running) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for parallel work", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException x
          ? x
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
