package io.agentq.workers.runtime;

import io.agentq.infra.artifacts.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded S3 server as its own process ({@code agentq serve s3}): one artifact store that
 * workers, clients and checkers in other processes share with {@code --s3 URL}. Its objects are
 * files under a folder and survive a restart.
 */
public final class S3Serve {
  private S3Serve() {}

  /** The folder of the store's objects by default: {@code $AGENTQ_HOME/s3}. */
  static Path defaultDir() {
    return ShopRuntime.home().resolve("s3");
  }

  /** Serves until the process is stopped. */
  public static int serve(int port, Path dir) throws InterruptedException {
    Path folder = (dir != null ? dir : defaultDir()).toAbsolutePath();
    try (EmbeddedS3 s3 = EmbeddedS3.start(folder, port)) {
      // The bucket is made here, once, so that processes started next never race to make it.
      AgentqStack.connectArtifacts(s3.endpoint());
      System.out.println(
          "The S3 store is at "
              + s3.endpoint()
              + " (bucket "
              + AgentqStack.BUCKET
              + ", access key "
              + EmbeddedS3.ACCESS_KEY
              + ") with its objects in "
              + folder
              + ". Ctrl-C stops it.");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
