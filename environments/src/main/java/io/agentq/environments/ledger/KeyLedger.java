package io.agentq.environments.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A site's table of completed Idempotency-Keys, in the site's own database file next to its
 * records: for each key, the fingerprint of the request it was first used for, the record that
 * request made, the status it was answered with, and when. A key row and its record are written in
 * ONE transaction ({@link #complete}), so a crash leaves both or neither.
 *
 * <p>Only completed keys are stored. A key in flight lives in the memory of the process serving it
 * ({@link IdempotentEndpoint}) and, across processes, behind SQLite's write lock: a durable "in
 * flight" row would outlive a crash as a key without its record.
 *
 * <p>Keys are purged after their retention ({@link KeyContract#KEY_RETENTION}); the records they
 * name never are.
 */
public final class KeyLedger {
  private final SiteDatabase db;
  private final KeyTable table;
  private final Clock clock;

  /** What completing a key came to: a new record, or the key's existing row (nothing written). */
  sealed interface Completion {
    record Recorded(long recordId) implements Completion {}

    record Taken(KeyRow existing) implements Completion {}
  }

  /**
   * @param clock the time keys and records are written at and purges count from
   */
  public KeyLedger(SiteDatabase db, KeyTable table, Clock clock) {
    this.db = db;
    this.table = table;
    this.clock = clock;
  }

  /** Creates the keys' table if missing: for the site's schema work, after its records' table. */
  public static void createTable(Connection db, KeyTable table) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate(table.createSql());
    }
  }

  /** The clock the ledger writes and purges by. */
  public Clock clock() {
    return clock;
  }

  /** The key's row, if the key was completed and not purged. */
  public Optional<KeyRow> find(String key) {
    return db.read("read key " + key, c -> row(c, key));
  }

  private Optional<KeyRow> row(Connection c, String key) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT idem_key, fingerprint, "
                + table.recordColumn()
                + ", status, created_at FROM "
                + table.name()
                + " WHERE idem_key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(
                new KeyRow(
                    r.getString(1),
                    r.getString(2),
                    r.getLong(3),
                    r.getInt(4),
                    Instant.ofEpochMilli(r.getLong(5))))
            : Optional.empty();
      }
    }
  }

  /**
   * Writes the site's record ({@code writer}) and the key's row in ONE write transaction, unless
   * the key already has a row: then nothing is written and that row is returned. The check runs
   * inside the transaction, under the write lock, so it holds across processes on one file.
   *
   * @param what the work, for messages ("place an order under key K")
   * @param status the HTTP status the key's first request is answered with
   */
  Completion complete(
      String key, String fingerprint, int status, String what, RecordWriter writer) {
    try {
      return db.write(
          what,
          c -> {
            Optional<KeyRow> existing = row(c, key);
            if (existing.isPresent()) {
              return new Completion.Taken(existing.get());
            }
            Instant now = clock.instant();
            long recordId = writer.write(c, key, now);
            insert(c, new KeyRow(key, fingerprint, recordId, status, now));
            return new Completion.Recorded(recordId);
          });
    } catch (IllegalStateException e) {
      if (isKeyTaken(e.getCause())) {
        Optional<KeyRow> winner = find(key);
        if (winner.isPresent()) {
          return new Completion.Taken(winner.get());
        }
      }
      throw e;
    }
  }

  private void insert(Connection c, KeyRow k) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + table.name()
                + " (idem_key, fingerprint, "
                + table.recordColumn()
                + ", status, created_at) VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, k.key());
      p.setString(2, k.fingerprint());
      p.setLong(3, k.recordId());
      p.setInt(4, k.status());
      p.setLong(5, k.createdAt().toEpochMilli());
      p.executeUpdate();
    }
  }

  /** The key's primary key refused a second row: someone else's record holds the key. */
  private static boolean isKeyTaken(Throwable e) {
    return e instanceof SQLiteException s
        && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
  }

  /**
   * Deletes the keys older than {@code retention} by the ledger's clock (made strictly before now
   * minus the retention); their records stay. Returns how many went.
   */
  public int purgeExpired(Duration retention) {
    return purgeBefore(clock.instant().minus(retention));
  }

  /** Deletes the keys made before {@code cutoff}; their records stay. Returns how many went. */
  public int purgeBefore(Instant cutoff) {
    return db.read(
        "purge keys made before " + cutoff,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM " + table.name() + " WHERE created_at < ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
          }
        });
  }
}
