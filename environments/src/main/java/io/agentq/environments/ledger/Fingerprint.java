package io.agentq.environments.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A request's identity for the key check: SHA-256 (hex) over the JSON text of the fields that
 * decide what the request does, in a fixed order. Two requests under one key with the same
 * fingerprint are the same request (replay); with another, a misuse of the key (422).
 */
public final class Fingerprint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fingerprint() {}

  /**
   * The fingerprint of {@code canonical}, a list of strings, numbers and nested lists in the site's
   * fixed order (e.g. session, product, then each option as a [name, value] pair sorted by name).
   */
  public static String of(List<?> canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint a request", e);
    }
  }
}
