package io.agentq.environments.ledger;

import java.time.Duration;

/**
 * The Idempotency-Key contract every built-in site applies to its irreversible requests (IETF draft
 * "The Idempotency-Key HTTP Header Field", as payment APIs have it), in one place: the headers, the
 * statuses and the key retention.
 *
 * <ul>
 *   <li>no key: {@value #MISSING_KEY} and nothing is done;
 *   <li>a new key: the site's record is written with the key in one transaction, answered with the
 *       site's own success status;
 *   <li>the same key and the same request again: the stored outcome with {@value #REPLAYED_HEADER}
 *       {@code : true}, never a second record;
 *   <li>the same key while its first request is running: {@value #IN_FLIGHT};
 *   <li>the same key with another request: {@value #MISMATCH} and nothing is done;
 *   <li>a lookup by key: taken (with the record), absent, or in progress;
 *   <li>keys kept at least {@link #KEY_RETENTION}.
 * </ul>
 */
public final class KeyContract {
  /** The request header that carries the key of an irreversible request. */
  public static final String KEY_HEADER = "Idempotency-Key";

  /** The response header that marks a stored outcome answered again. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** The replay header's value. */
  public static final String REPLAYED = "true";

  /** A request without a key. */
  public static final int MISSING_KEY = 400;

  /** A request whose key's first request is still being processed. */
  public static final int IN_FLIGHT = 409;

  /** A request under a key that was used for another request. */
  public static final int MISMATCH = 422;

  /** The site failed while processing; its database says whether the record exists. */
  public static final int FAILED = 500;

  /** Keys are kept at least 31 days (Adyen's floor), longer than any replay or rerun horizon. */
  public static final Duration KEY_RETENTION = Duration.ofDays(31);

  private KeyContract() {}

  /**
   * The key in a header as sent: bare (as payment APIs take it) or the draft's quoted sf-string;
   * null when there is none (absent, blank, or an empty string).
   */
  public static String keyOf(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.strip();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v.isEmpty() ? null : v;
  }
}
