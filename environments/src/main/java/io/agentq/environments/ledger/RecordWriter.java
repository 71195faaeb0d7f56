package io.agentq.environments.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The site's side of an irreversible request: writes the site's own record (an order, a
 * reservation) on the connection it is given, inside the transaction that also writes the key.
 * Whatever it writes commits with the key or not at all.
 */
@FunctionalInterface
public interface RecordWriter {
  /**
   * Writes the record and returns its id (the integer primary key the key row will name).
   *
   * @param db the connection, inside the key's write transaction: do not commit or roll back
   * @param key the Idempotency-Key the record is made under
   * @param now the time of the write, the same instant the key row gets
   */
  long write(Connection db, String key, Instant now) throws SQLException;
}
