package io.agentq.workers.runtime;

import io.agentq.workers.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of a fault run, by name: each started from a remembered command line (so it
 * can be started again after a kill), its standard output and error in numbered log files ({@code
 * NAME.N.out}, {@code NAME.N.err}: N counts its starts). Kills are SIGKILL; pauses are SIGSTOP and
 * SIGCONT. {@link #close} kills whatever is left, and a JVM shutdown hook does the same for a run
 * that is itself stopped, so no process outlives the run.
 */
public final class ProcessGroup implements AutoCloseable {
  /** Every child of every group in this JVM that may still run: what the shutdown hook kills. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(ProcessGroup::killTree), "kill-children"));
  }

  /** How a started process shows that it is up. */
  public interface Ready {
    boolean test(Path stdout) throws IOException;

    /** The process printed {@code marker} on its standard output. */
    static Ready printed(String marker) {
      return out -> Files.exists(out) && Files.readString(out).contains(marker);
    }

    /** Something accepts TCP connections on the local port. */
    static Ready listening(int port) {
      return out -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 500);
          return true;
        } catch (IOException e) {
          return false;
        }
      };
    }
  }

  private record Spec(List<String> command, Ready ready) {}

  private final Path logs;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new LinkedHashMap<>();

  public ProcessGroup(Path logs) {
    this.logs = logs;
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A command line of this JVM's java, class path and AGENTQ_HOME running {@code mainClass}. */
  public static List<String> java(Path home, String mainClass, List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Dagentq.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(args);
    return command;
  }

  /** An {@code agentq} subcommand as a command line. */
  public static List<String> agentq(Path home, List<String> args) {
    return java(home, Main.class.getName(), args);
  }

  /** Starts {@code name} from {@code command}; it is up once {@code ready} holds. */
  public synchronized void start(String name, List<String> command, Ready ready) {
    if (running.containsKey(name) && running.get(name).isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    specs.put(name, new Spec(List.copyOf(command), ready));
    launch(name);
  }

  /** Starts {@code name} again from the command it was first started with. */
  public synchronized void restart(String name) {
    Process p = running.get(name);
    if (p != null && p.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch(name);
  }

  private void launch(String name) {
    int n = starts.merge(name, 1, Integer::sum);
    try {
      Process p =
          new ProcessBuilder(specs.get(name).command())
              .redirectOutput(logs.resolve(name + "." + n + ".out").toFile())
              .redirectError(logs.resolve(name + "." + n + ".err").toFile())
              .start();
      LIVE.add(p);
      running.put(name, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The current standard output file of {@code name}. */
  public synchronized Path stdout(String name) {
    return logs.resolve(name + "." + starts.get(name) + ".out");
  }

  synchronized Path stderr(String name) {
    return logs.resolve(name + "." + starts.get(name) + ".err");
  }

  synchronized int starts(String name) {
    return starts.getOrDefault(name, 0);
  }

  public synchronized Process process(String name) {
    Process p = running.get(name);
    if (p == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return p;
  }

  public boolean alive(String name) {
    return process(name).isAlive();
  }

  /**
   * Waits until {@code name} is up; one that ends before it is up (e.g. it could not reach a
   * service in time on a loaded machine) is started again, at most {@link #START_ATTEMPTS} times in
   * all, each retry noted in {@link #retries()}. Fails if it is not up after that or after {@code
   * seconds}, naming its logs.
   */
  public void awaitReady(String name, int seconds) throws InterruptedException {
    Ready ready = specs.get(name).ready();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int attempts = 1;
    while (true) {
      Process p = process(name);
      try {
        if (ready.test(stdout(name))) {
          return;
        }
      } catch (IOException e) {
        // not yet readable
      }
      if (!p.isAlive()) {
        String why = name + " ended with exit code " + p.exitValue() + " before it was up";
        if (attempts >= START_ATTEMPTS) {
          throw new IllegalStateException(why + " (" + attempts + " starts); see " + logsOf(name));
        }
        synchronized (this) {
          retries.add(why + " (" + logsOf(name) + "); started again");
          launch(name);
        }
        attempts++;
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " was not up after " + seconds + " s; see " + logsOf(name));
      }
      Thread.sleep(100);
    }
  }

  /** Starts of a process that ended before it was up. */
  static final int START_ATTEMPTS = 3;

  private final List<String> retries = new ArrayList<>();

  /** The starts that were retried, in words. */
  public synchronized List<String> retries() {
    return List.copyOf(retries);
  }

  public String logsOf(String name) {
    return stdout(name) + " and " + stderr(name);
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill(String name) throws InterruptedException {
    Process p = process(name);
    killTree(p);
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process keeps its sockets and state but runs nothing until {@link #resume}. */
  public void pause(String name) throws IOException, InterruptedException {
    signal("STOP", process(name).pid());
  }

  /** SIGCONT. */
  public void resume(String name) throws IOException, InterruptedException {
    signal("CONT", process(name).pid());
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    String out = new String(kill.getInputStream().readAllBytes());
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " failed: " + out.strip());
    }
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** Kills every process of the group that still runs (stopped ones too) and waits for them. */
  @Override
  public synchronized void close() {
    for (Process p : running.values()) {
      if (p.isAlive()) {
        killTree(p);
      }
    }
    for (Process p : running.values()) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LIVE.remove(p);
    }
  }

  /** Forgets processes that ended, so the shutdown hook holds only live ones. */
  public static void forgetEnded() {
    LIVE.removeIf(p -> !p.isAlive());
  }

  /** The names of the group's processes that are running now. */
  public synchronized List<String> alive() {
    List<String> out = new ArrayList<>();
    running.forEach(
        (n, p) -> {
          if (p.isAlive()) {
            out.add(n);
          }
        });
    return out;
  }
}
