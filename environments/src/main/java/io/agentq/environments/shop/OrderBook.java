package io.agentq.environments.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.environments.ledger.KeyLedger;
import io.agentq.environments.ledger.KeyTable;
import io.agentq.environments.ledger.RecordWriter;
import io.agentq.environments.ledger.SiteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's durable records in one SQLite file ({@link SiteDatabase}): sessions, orders, the
 * idempotency keys they were made under (the kit's {@link KeyLedger}, table {@code
 * idempotency_keys}) and the log of every Buy Now request on a live session. The file, not any
 * process's memory, says whether a purchase happened; a shop restarted on the same file knows all
 * of it. Orders are never deleted; keys are purged after their retention.
 */
final class OrderBook implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;

  /** The shop's keys name their orders; the file format is the one the shop has always had. */
  static final KeyTable KEYS = new KeyTable("idempotency_keys", "order_id", "orders", "order_id");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> OPTIONS =
      new TypeReference<>() {};
  private static final String ORDER_COLUMNS =
      "order_id, idem_key, episode, session, task, asin, options, price, reward,"
          + " reward_breakdown, fingerprint, request_options, created_at";

  private final SiteDatabase db;
  private final KeyLedger keys;
  private final Clock clock;

  /**
   * A fault point for tests: runs inside the order's transaction, after the order row and before
   * the key row, where a process that dies leaves neither row behind.
   */
  volatile Runnable betweenOrderAndKey = () -> {};

  /** A session as the file holds it. */
  record StoredSession(String id, int task, boolean sandbox) {}

  /** An order to make: everything but the key, the id and the time. */
  record NewOrder(
      String episode, String session, int task, Purchase purchase, Order.Request request) {}

  private OrderBook(SiteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.keys = new KeyLedger(db, KEYS, clock);
  }

  /** Opens (creating if need be) the database file. */
  static OrderBook open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /** Opens the file with the times of orders, keys and purges taken from {@code clock}. */
  static OrderBook open(Path file, Clock clock) {
    return new OrderBook(SiteDatabase.open(file, "shop", OrderBook::createSchema), clock);
  }

  Path file() {
    return db.file();
  }

  /** The keys the orders were made under. */
  KeyLedger keyLedger() {
    return keys;
  }

  private static Void createSchema(Connection db) throws SQLException {
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
      KeyLedger.createTable(db, KEYS);
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " idem_key TEXT, session TEXT NOT NULL, episode TEXT NOT NULL, fingerprint TEXT,"
              + " outcome TEXT NOT NULL, at INTEGER NOT NULL)");
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }
    return null;
  }

  private static int intOf(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  // --- sessions

  /** Records a session unless its id is taken; returns the session the file holds for the id. */
  StoredSession openSession(String id, int task, boolean sandbox) {
    return db.read(
        "record session " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT OR IGNORE INTO sessions (id, task, sandbox, created_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setInt(2, task);
            p.setInt(3, sandbox ? 1 : 0);
            p.setLong(4, clock.millis());
            p.executeUpdate();
          }
          return sessionRow(c, id).orElseThrow();
        });
  }

  Optional<StoredSession> session(String id) {
    return db.read("read session " + id, c -> sessionRow(c, id));
  }

  private static Optional<StoredSession> sessionRow(Connection c, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT id, task, sandbox FROM sessions WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new StoredSession(r.getString(1), r.getInt(2), r.getInt(3) == 1))
            : Optional.empty();
      }
    }
  }

  // --- orders

  /**
   * The site's side of Buy Now under a new key: writes the order and the request's log entry on the
   * key's transaction ({@link KeyLedger}), which then writes the key's row and commits all three.
   */
  RecordWriter orderWriter(NewOrder order) {
    return (c, key, now) -> {
      long orderId = insertOrder(c, key, order, now.toEpochMilli());
      betweenOrderAndKey.run();
      insertRequest(
          c,
          key,
          order.session(),
          order.episode(),
          order.request().fingerprint(),
          RequestLogEntry.Outcome.CREATED,
          now.toEpochMilli());
      return orderId;
    };
  }

  private static long insertOrder(Connection c, String key, NewOrder o, long now)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO orders (idem_key, episode, session, task, asin, options, price, reward,"
                + " reward_breakdown, fingerprint, request_options, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, key);
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

  Optional<Order> order(long orderId) {
    return db.read(
        "read order " + orderId,
        c -> {
          List<Order> found = orders(c, "WHERE order_id = ?", orderId);
          return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
  }

  /** The session's most recent order: what its done page shows. */
  Optional<Order> latestOrderOf(String session) {
    return db.read(
        "read the orders of session " + session,
        c -> {
          List<Order> found =
              orders(c, "WHERE session = ? ORDER BY order_id DESC LIMIT 1", session);
          return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
  }

  List<Order> orders() {
    return db.read("read the orders", c -> orders(c, "ORDER BY order_id"));
  }

  private static List<Order> orders(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders " + where)) {
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

  // --- the request log

  void logRequest(
      String key,
      String session,
      String episode,
      String fingerprint,
      RequestLogEntry.Outcome outcome) {
    db.read(
        "log a " + outcome.wire() + " request on session " + session,
        c -> {
          insertRequest(c, key, session, episode, fingerprint, outcome, clock.millis());
          return null;
        });
  }

  private static void insertRequest(
      Connection c,
      String key,
      String session,
      String episode,
      String fingerprint,
      RequestLogEntry.Outcome outcome,
      long at)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
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

  List<RequestLogEntry> requests() {
    return db.read(
        "read the request log",
        c -> {
          List<RequestLogEntry> out = new ArrayList<>();
          try (Statement s = c.createStatement();
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
  public void close() {
    db.close();
  }
}
