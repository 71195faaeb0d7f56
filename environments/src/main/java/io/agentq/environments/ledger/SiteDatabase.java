package io.agentq.environments.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * A site's durable records in one SQLite file (WAL mode, full sync), the file every built-in site
 * keeps its irreversible records and their keys in. The file, not any process's memory, says
 * whether something happened; a site restarted on the same file knows all of it.
 *
 * <p>One connection, used by one thread at a time; {@link #write} takes SQLite's write lock at
 * BEGIN (IMMEDIATE), so two sites on one file see each other's keys before they write.
 */
public final class SiteDatabase implements AutoCloseable {
  private final String site;
  private final Path file;
  private final Connection db;

  /** Work on the connection; a {@link SQLException} is reported with the site and file. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection db) throws SQLException;
  }

  private SiteDatabase(String site, Path file, Connection db) {
    this.site = site;
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (creating if need be) the database file and runs {@code schema} on it (create tables if
   * missing, check and set the schema version).
   *
   * @param site the site's name in messages ("shop" gives "the shop's database ...")
   */
  public static SiteDatabase open(Path file, String site, Work<?> schema) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a committed record survives a power cut too, not just a killed process.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    Path absolute = file.toAbsolutePath();
    Connection db = null;
    try {
      db = config.createConnection("jdbc:sqlite:" + absolute);
      schema.run(db);
      return new SiteDatabase(site, absolute, db);
    } catch (SQLException e) {
      closeQuietly(db, e);
      throw new IllegalStateException(
          "cannot open the "
              + site
              + "'s database "
              + absolute
              + ": "
              + e.getMessage()
              + "; give a writable file path (it is created if missing)",
          e);
    }
  }

  private static void closeQuietly(Connection db, Exception cause) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException again) {
      cause.addSuppressed(again);
    }
  }

  /** The file, as an absolute path. */
  public Path file() {
    return file;
  }

  /** Runs {@code work} outside any transaction (each statement commits on its own). */
  public synchronized <T> T read(String what, Work<T> work) {
    try {
      return work.run(db);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /**
   * Runs {@code work} in ONE write transaction: all its writes commit together, or none does if it
   * throws (a {@link SQLException} or any runtime exception, which is rethrown as it was).
   */
  public synchronized <T> T write(String what, Work<T> work) {
    try {
      db.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock is ours until commit
      try {
        T result = work.run(db);
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          db.rollback();
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  private IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException(
        "the " + site + "'s database " + file + " failed to " + what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the " + site + "'s database " + file, e);
    }
  }
}
