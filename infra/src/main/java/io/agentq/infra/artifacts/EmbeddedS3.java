package io.agentq.infra.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3-compatible server in-process (s3proxy) storing objects as files under a data directory,
 * so artifacts survive a restart. AWS V2/V4 authentication, on 127.0.0.1.
 */
public final class EmbeddedS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "agentq";
  public static final String SECRET_KEY = "agentq-secret";
  private final S3Proxy proxy;

  private EmbeddedS3(S3Proxy proxy) {
    this.proxy = proxy;
  }

  public static EmbeddedS3 start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      return new EmbeddedS3(proxy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the S3 data directory " + dataDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded S3 server: " + e.getMessage(), e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the embedded S3 server", e);
    }
  }
}
