package io.agentq.workers.commands;

import io.agentq.core.InputException;
import io.agentq.core.StoreKeys;
import io.agentq.infra.artifacts.ArtifactStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One episode as a portable zip to hand over: its request, manifest, tree, trajectory, pairs, the
 * pages the agent saw (with their screenshots, {@code obs/*.png}, when it ran with {@code
 * --screens}), the Playwright trace of a failed Chromium episode ({@code trace.zip}) and the
 * archived workflow histories (the checkpoint chain left out: the tree holds what it held). Written
 * to a temporary file and moved into place.
 */
@Command(
    name = "bundle",
    description =
        "Write one episode's artifacts (tree, trajectory, pages and their screenshots, pairs,"
            + " manifest, request, Playwright trace, workflow history) to a zip file.")
public final class BundleCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "The episode's id (e.g. RUN-t42).")
  String episode;

  @Option(names = "--out", description = "The zip file (default: EPISODE.zip here).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!episode.matches("[A-Za-z0-9._-]+")) {
      throw new InputException("episode '" + episode + "': use letters, digits, '.', '_' or '-'");
    }
    Path target = out != null ? out : Path.of(episode + ".zip");
    try (StoreOptions.Open open = store.open()) {
      ArtifactStore s = open.artifacts().store();
      String prefix = StoreKeys.episode(episode);
      List<String> keys =
          s.list(prefix).stream()
              .filter(k -> !k.startsWith(prefix + "checkpoint"))
              .sorted()
              .toList();
      if (keys.isEmpty()) {
        throw new InputException(
            "episode "
                + episode
                + ": nothing in the store under "
                + prefix
                + " (cycle status or"
                + " show lists episode ids)");
      }
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".bundle", ".part");
      try (OutputStream file = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(file)) {
        for (String key : keys) {
          zip.putNextEntry(new ZipEntry(episode + "/" + key.substring(prefix.length())));
          zip.write(s.get(key).orElseThrow());
          zip.closeEntry();
        }
      } catch (RuntimeException | java.io.IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.printf("episode %s: %d files in %s%n", episode, keys.size(), target);
      return 0;
    }
  }
}
