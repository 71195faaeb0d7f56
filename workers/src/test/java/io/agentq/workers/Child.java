package io.agentq.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An {@code agentq} command as its own JVM process, for tests that kill processes: its output goes
 * to a log file, and {@link #kill} is SIGKILL (no shutdown hooks, nothing flushed).
 */
final class Child implements AutoCloseable {
  private final Process process;
  final Path log;

  private Child(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Child start(Path home, Path log, List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dagentq.home=" + home,
                "-cp",
                System.getProperty("java.class.path")));
    // The test JVM's DJL settings: offline, natives unpacked once in the project's cache.
    for (String p : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
      if (System.getProperty(p) != null) {
        command.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    command.add(Main.class.getName());
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      return new Child(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start(),
          log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until {@code ready} holds, the process ends or the deadline passes; true if it holds. */
  boolean awaitThat(BooleanSupplier ready, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (ready.getAsBoolean()) {
        return true;
      }
      if (!process.isAlive()) {
        return ready.getAsBoolean();
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The exit code, after waiting at most {@code seconds}; -1 if still running (then killed). */
  int exitCode(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      return -1;
    }
    return process.exitValue();
  }

  /** SIGKILL, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
