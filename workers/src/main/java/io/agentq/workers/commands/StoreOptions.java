package io.agentq.workers.commands;

import io.agentq.infra.artifacts.EmbeddedS3;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.workers.runtime.AgentqStack;
import io.agentq.workers.runtime.ShopRuntime;
import picocli.CommandLine.Option;

/** Where the artifact store is: an S3 server, or the embedded one under $AGENTQ_HOME/s3. */
public final class StoreOptions {
  @Option(
      names = "--s3",
      description =
          "URL of an S3 server such as MinIO (default: the embedded store under $AGENTQ_HOME/s3).")
  String s3;

  /** The store, open until closed. */
  Open open() {
    EmbeddedS3 embedded = s3 == null ? EmbeddedS3.start(ShopRuntime.home().resolve("s3"), 0) : null;
    String endpoint = embedded != null ? embedded.endpoint() : s3;
    return new Open(AgentqStack.connectArtifacts(endpoint), embedded);
  }

  record Open(JsonArtifacts artifacts, EmbeddedS3 embedded) implements AutoCloseable {
    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
