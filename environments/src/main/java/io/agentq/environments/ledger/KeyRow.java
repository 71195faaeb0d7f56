package io.agentq.environments.ledger;

import java.time.Instant;

/**
 * A completed key as the ledger holds it: the request it was first used for and the site's record
 * that request made.
 *
 * @param key the Idempotency-Key
 * @param fingerprint the first request's fingerprint ({@link Fingerprint})
 * @param recordId the id of the site's record made under the key
 * @param status the HTTP status the first request was answered with
 * @param createdAt when the key and its record were written
 */
public record KeyRow(
    String key, String fingerprint, long recordId, int status, Instant createdAt) {}
