package io.agentq.infra.artifacts;

import io.agentq.core.InputException;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The artifact store on any S3-compatible server (MinIO, or the embedded s3proxy) via MinIO's
 * client.
 */
public final class S3ArtifactStore implements ArtifactStore {
  private final MinioClient client;
  private final String endpoint;
  private final String bucket;

  private S3ArtifactStore(MinioClient client, String endpoint, String bucket) {
    this.client = client;
    this.endpoint = endpoint;
    this.bucket = bucket;
  }

  /**
   * Connects and makes the bucket if missing.
   *
   * @throws InputException naming the endpoint when no S3 service answers there
   */
  public static S3ArtifactStore connect(
      String endpoint, String accessKey, String secretKey, String bucket) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS)
            .writeTimeout(60, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();
    MinioClient client;
    try {
      client =
          MinioClient.builder()
              .endpoint(endpoint)
              .region("us-east-1")
              .credentials(accessKey, secretKey)
              .httpClient(http)
              .build();
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "--s3 " + endpoint + ": not a usable S3 endpoint URL (" + e.getMessage() + ")");
    }
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        try {
          client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        } catch (ErrorResponseException e) {
          // Another process made it between the check and the make: the bucket is there.
          if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
            throw e;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("artifact bucket '" + bucket + "': " + e.getMessage(), e);
    } catch (Exception e) {
      throw new InputException(
          "--s3 "
              + endpoint
              + ": cannot reach an S3 service there ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); start MinIO (docker compose up minio) or leave --s3 out for the embedded one");
    }
    return new S3ArtifactStore(client, endpoint, bucket);
  }

  /** Tries of a put or get: a keep-alive connection the server closed fails the first at once. */
  private static final int TRIES = 3;

  @Override
  public void put(String key, byte[] content, String contentType) {
    for (int attempt = 1; ; attempt++) {
      try (InputStream in = new ByteArrayInputStream(content)) {
        client.putObject(
            PutObjectArgs.builder().bucket(bucket).object(key).stream(in, content.length, -1)
                .contentType(contentType)
                .build());
        return;
      } catch (Exception e) {
        if (attempt >= TRIES || !(e instanceof java.io.IOException)) {
          throw new IllegalStateException(
              "cannot write artifact " + key + " to " + location() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    for (int attempt = 1; ; attempt++) {
      try {
        return getOnce(key);
      } catch (IllegalStateException e) {
        if (attempt >= TRIES || !(e.getCause() instanceof java.io.IOException)) {
          throw e;
        }
      }
    }
  }

  private Optional<byte[]> getOnce(String key) {
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(in.readAllBytes());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new IllegalStateException("cannot read artifact " + key + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read artifact " + key + " from " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> r :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        keys.add(r.get().objectName());
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot list artifacts under " + prefix + ": " + e.getMessage(), e);
    }
    return keys;
  }

  @Override
  public String location() {
    return "s3://" + bucket + " (" + endpoint + ")";
  }
}
