package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The shop's durable records in one SQLite file (WAL mode, full sync): sessions, orders, the
 * idempotency keys they were made under, and the log of every Buy Now request on a live session.
 * The file, not any process's memory, says whether a purchase happened; a shop restarted on the
 * same file knows all of it. Orders are never deleted; keys are purged after their retention.
 *
 * <p>One connection, used by one thread at a time; writes take SQLite's write lock at BEGIN
 * (IMMEDIATE), so two shops on one file also see each other's keys before they write.
 */
final class OrderBook implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> OPTIONS =
      new TypeReference<>() {};
  private static final String ORDER_COLUMNS =
      "order_id, idem_key, episode, session, task, asin, options, price, reward,"
          + " reward_breakdown, fingerprint, request_options, created_at";

  private final Path file;
  private final Connection db;

  /**
   * A fault point for tests: runs inside the order's transaction, after the order row and before
   * the key row, where a process that dies leaves neither row behind.
   */
  volatile Runnable betweenOrderAndKey = () -> {};

  /** A session as the file holds it. */
  record StoredSession(String id, int task, boolean sandbox) {}

  /** A key's row: the request it was first used for and the order that request made. */
  record StoredKey(String key, String fingerprint, long orderId, int status) {}

  /** An order to make: everything but the id and the time, which the book assigns. */
  record NewOrder(
      String key,
      String episode,
      String session,
      int task,
      Purchase purchase,
      Order.Request request) {}

  /** What placing an order under a key came to: the new order, or the key's existing row. */
  sealed interface Placement {
    record Created(Order order) implements Placement {}

    record KeyTaken(StoredKey existing) implements Placement {}
  }

  private OrderBook(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating if need be) the database file. */
  static OrderBook open(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a committed order survives a power cut too, not just a killed process.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    try {
      Path absolute = file.toAbsolutePath();
      Connection db = config.createConnection("jdbc:sqlite:" + absolute);
      OrderBook book = new OrderBook(absolute, db);
      book.createSchema();
      return book;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the shop's database "
              + file.toAbsolutePath()
              + ": "
              + e.getMessage()
              + "; give a writable file path (it is created if missing)",
          e);
    }
  }

  Path file() {
    return file;
  }

  private void createSchema() throws SQLException {
    try (Statement s = db.createStatement()) {
      int version = intOf(s, "PRAGMA user_version");
      if (version > SCHEMA_VERSION) {
        throw new SQLException(
            "the file has schema version "
                + version
                + ", newer than this shop's "
                + SCHEMA_VERSION);
      }
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, task INTEGER NOT NULL,"
              + " sandbox INTEGER NOT NULL, created_at INTEGER NOT NULL)");
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS orders (order_id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " idem_key TEXT NOT NULL, episode TEXT NOT NULL, session TEXT NOT NULL,"
              + " task INTEGER NOT NULL, asin TEXT NOT NULL, options TEXT NOT NULL,"
              + " price REAL NOT NULL, reward REAL NOT NULL, reward_breakdown TEXT NOT NULL,"
              + " fingerprint TEXT NOT NULL, request_options TEXT NOT NULL,"
              + " created_at INTEGER NOT NULL)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS orders_by_key ON orders(idem_key)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS orders_by_session ON orders(session)");
      // The primary key is the last guard against a second order under one key: it holds across
      // processes, where the in-memory map of keys in progress does not.
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS idempotency_keys (idem_key TEXT PRIMARY KEY,"
              + " fingerprint TEXT NOT NULL, order_id INTEGER NOT NULL REFERENCES orders(order_id),"
              + " status INTEGER NOT NULL, created_at INTEGER NOT NULL)");
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " idem_key TEXT, session TEXT NOT NULL, episode TEXT NOT NULL, fingerprint TEXT,"
              + " outcome TEXT NOT NULL, at INTEGER NOT NULL)");
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }
  }

  private static int intOf(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  // --- sessions

  /** Records a session unless its id is taken; returns the session the file holds for the id. */
  synchronized StoredSession openSession(String id, int task, boolean sandbox) {
    return run(
        "record session " + id,
        () -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT OR IGNORE INTO sessions (id, task, sandbox, created_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setInt(2, task);
            p.setInt(3, sandbox ? 1 : 0);
            p.setLong(4, System.currentTimeMillis());
            p.executeUpdate();
          }
          return sessionRow(id).orElseThrow();
        });
  }

  synchronized Optional<StoredSession> session(String id) {
    return run("read session " + id, () -> sessionRow(id));
  }

  private Optional<StoredSession> sessionRow(String id) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT id, task, sandbox FROM sessions WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new StoredSession(r.getString(1), r.getInt(2), r.getInt(3) == 1))
            : Optional.empty();
      }
    }
  }

  // --- keys and orders

  synchronized Optional<StoredKey> key(String key) {
    return run("read key " + key, () -> keyRow(key));
  }

  private Optional<StoredKey> keyRow(String key) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT idem_key, fingerprint, order_id, status FROM idempotency_keys"
                + " WHERE idem_key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new StoredKey(r.getString(1), r.getString(2), r.getLong(3), r.getInt(4)))
            : Optional.empty();
      }
    }
  }

  /**
   * Writes the order, its key's row and the request's log entry in ONE transaction, unless the key
   * already has a row: then nothing is written and that row is returned.
   *
   * @param status the HTTP status the key's first request was answered with
   */
  synchronized Placement place(NewOrder order, int status) {
    return run(
        "place an order under key " + order.key(),
        () -> {
          long created;
          db.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock is ours until commit
          try {
            Optional<StoredKey> existing = keyRow(order.key());
            if (existing.isPresent()) {
              db.rollback();
              return new Placement.KeyTaken(existing.get());
            }
            long now = System.currentTimeMillis();
            long orderId = insertOrder(order, now);
            betweenOrderAndKey.run();
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO idempotency_keys (idem_key, fingerprint, order_id, status,"
                        + " created_at) VALUES (?, ?, ?, ?, ?)")) {
              p.setString(1, order.key());
              p.setString(2, order.request().fingerprint());
              p.setLong(3, orderId);
              p.setInt(4, status);
              p.setLong(5, now);
              p.executeUpdate();
            }
            insertRequest(
                order.key(),
                order.session(),
                order.episode(),
                order.request().fingerprint(),
                RequestLogEntry.Outcome.CREATED,
                now);
            db.commit();
            created = orderId;
          } catch (SQLException | RuntimeException e) {
            db.rollback();
            if (isKeyTaken(e)) {
              Optional<StoredKey> winner = keyRow(order.key());
              if (winner.isPresent()) {
                return new Placement.KeyTaken(winner.get());
              }
            }
            throw e;
          } finally {
            db.setAutoCommit(true);
          }
          // Read after the commit, outside it: a failure here must not look like a lost order.
          return new Placement.Created(orderById(created).orElseThrow());
        });
  }

  /** The key's primary key refused a second row: someone else's order holds the key. */
  private static boolean isKeyTaken(Exception e) {
    return e instanceof SQLiteException s
        && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
  }

  private long insertOrder(NewOrder o, long now) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO orders (idem_key, episode, session, task, asin, options, price, reward,"
                + " reward_breakdown, fingerprint, request_options, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, o.key());
      p.setString(2, o.episode());
      p.setString(3, o.session());
      p.setInt(4, o.task());
      p.setString(5, o.purchase().asin());
      p.setString(6, json(o.purchase().options()));
      p.setDouble(7, o.purchase().price());
      p.setDouble(8, o.purchase().reward().total());
      p.setString(9, json(o.purchase().reward()));
      p.setString(10, o.request().fingerprint());
      p.setString(11, json(o.request().options()));
      p.setLong(12, now);
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  synchronized Optional<Order> order(long orderId) {
    return run("read order " + orderId, () -> orderById(orderId));
  }

  private Optional<Order> orderById(long orderId) throws SQLException {
    List<Order> found = orders("WHERE order_id = ?", orderId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The session's most recent order: what its done page shows. */
  synchronized Optional<Order> latestOrderOf(String session) {
    return run(
        "read the orders of session " + session,
        () -> {
          List<Order> found = orders("WHERE session = ? ORDER BY order_id DESC LIMIT 1", session);
          return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
  }

  synchronized List<Order> orders() {
    return run("read the orders", () -> orders("ORDER BY order_id"));
  }

  private List<Order> orders(String where, Object... args) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders " + where)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<Order> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new Order(
                  r.getLong("order_id"),
                  r.getString("idem_key"),
                  r.getString("episode"),
                  r.getString("session"),
                  r.getInt("task"),
                  r.getString("asin"),
                  options(r.getString("options")),
                  r.getDouble("price"),
                  r.getDouble("reward"),
                  read(r.getString("reward_breakdown"), RewardBreakdown.class),
                  Instant.ofEpochMilli(r.getLong("created_at")).toString(),
                  new Order.Request(
                      r.getString("fingerprint"),
                      r.getString("asin"),
                      options(r.getString("request_options")))));
        }
      }
      return out;
    }
  }

  /** Deletes the keys made before {@code cutoff}; their orders stay. Returns how many went. */
  synchronized int purgeKeysBefore(Instant cutoff) {
    return run(
        "purge keys made before " + cutoff,
        () -> {
          try (PreparedStatement p =
              db.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
          }
        });
  }

  // --- the request log

  synchronized void logRequest(
      String key,
      String session,
      String episode,
      String fingerprint,
      RequestLogEntry.Outcome outcome) {
    run(
        "log a " + outcome.wire() + " request on session " + session,
        () -> {
          insertRequest(key, session, episode, fingerprint, outcome, System.currentTimeMillis());
          return null;
        });
  }

  private void insertRequest(
      String key,
      String session,
      String episode,
      String fingerprint,
      RequestLogEntry.Outcome outcome,
      long at)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO requests (idem_key, session, episode, fingerprint, outcome, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, key);
      p.setString(2, session);
      p.setString(3, episode);
      p.setString(4, fingerprint);
      p.setString(5, outcome.wire());
      p.setLong(6, at);
      p.executeUpdate();
    }
  }

  synchronized List<RequestLogEntry> requests() {
    return run(
        "read the request log",
        () -> {
          List<RequestLogEntry> out = new ArrayList<>();
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT id, idem_key, session, episode, fingerprint, outcome, at"
                          + " FROM requests ORDER BY id")) {
            while (r.next()) {
              out.add(
                  new RequestLogEntry(
                      r.getLong(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      RequestLogEntry.Outcome.ofWire(r.getString(6)),
                      Instant.ofEpochMilli(r.getLong(7)).toString()));
            }
          }
          return out;
        });
  }

  // --- plumbing

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T run(String what, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the shop's database " + file + " failed to " + what + ": " + e.getMessage(), e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  private static Map<String, String> options(String json) {
    return read(json, OPTIONS);
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the shop's database holds bad JSON: " + json, e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the shop's database holds bad JSON: " + json, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the shop's database " + file, e);
    }
  }
}
