package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.Seating;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The booking site's durable records in one SQLite file ({@link SiteDatabase}): sessions, the
 * records of live sessions (completed reservations and answers sent to the user) and the
 * Idempotency-Keys they were made under (the ledger kit's {@link KeyLedger}, table {@code
 * booking_keys}). The file, not a process's memory, says whether a table was booked. Records are
 * never deleted; keys are purged after their retention.
 */
final class ReservationBook implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  static final KeyTable KEYS =
      new KeyTable("booking_keys", "record_id", "booking_records", "record_id");

  private static final String COLUMNS =
      "record_id, idem_key, kind, episode, session, task, restaurant, date, time, party, seating,"
          + " name, phone, email, notes, status, answer, reward, created_at";

  private final SiteDatabase db;
  private final KeyLedger keys;
  private final Clock clock;

  /** A session as the file holds it. */
  record StoredSession(String id, int task, boolean sandbox) {}

  /**
   * A record to make: everything but its key, id, reward and time.
   *
   * @param reservation the reservation to complete, or null for an answer
   * @param answer the answer to send, or null for a reservation
   */
  record NewRecord(
      String session,
      String episode,
      int task,
      Reservation reservation,
      String notes,
      String answer) {
    BookingRecord.Kind kind() {
      return reservation != null ? BookingRecord.Kind.RESERVATION : BookingRecord.Kind.ANSWER;
    }
  }

  private ReservationBook(SiteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.keys = new KeyLedger(db, KEYS, clock);
  }

  static ReservationBook open(Path file) {
    return open(file, Clock.systemUTC());
  }

  static ReservationBook open(Path file, Clock clock) {
    return new ReservationBook(
        SiteDatabase.open(file, "booking site", ReservationBook::createSchema), clock);
  }

  Path file() {
    return db.file();
  }

  KeyLedger keyLedger() {
    return keys;
  }

  private static Void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int version;
      try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
        version = r.next() ? r.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new SQLException(
            "the file has schema version "
                + version
                + ", newer than this site's "
                + SCHEMA_VERSION);
      }
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, task INTEGER NOT NULL,"
              + " sandbox INTEGER NOT NULL, created_at INTEGER NOT NULL)");
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS booking_records (record_id INTEGER PRIMARY KEY"
              + " AUTOINCREMENT, idem_key TEXT NOT NULL, kind TEXT NOT NULL, episode TEXT NOT NULL,"
              + " session TEXT NOT NULL, task INTEGER NOT NULL, restaurant TEXT, date TEXT,"
              + " time TEXT, party INTEGER, seating TEXT, name TEXT, phone TEXT, email TEXT,"
              + " notes TEXT, status TEXT, answer TEXT, reward REAL NOT NULL,"
              + " created_at INTEGER NOT NULL)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS records_by_session ON booking_records(session)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS records_by_episode ON booking_records(episode)");
      KeyLedger.createTable(c, KEYS);
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }
    return null;
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

  // --- records

  /**
   * Writes {@code record} on the key's transaction. Its reward is {@code reward} applied to the
   * episode's completed reservations as they stand inside that transaction, this one included, so
   * two requests of one episode cannot both be scored as its only reservation.
   */
  RecordWriter writer(NewRecord record, ToDoubleFunction<List<Reservation>> reward) {
    return (c, key, now) -> {
      List<Reservation> episode = new ArrayList<>();
      for (BookingRecord r :
          records(
              c,
              "WHERE episode = ? AND kind = 'RESERVATION' AND status = 'COMPLETED'",
              record.episode())) {
        episode.add(r.reservation());
      }
      if (record.reservation() != null) {
        episode.add(record.reservation());
      }
      return insert(c, key, record, reward.applyAsDouble(episode), now.toEpochMilli());
    };
  }

  private static long insert(Connection c, String key, NewRecord n, double reward, long now)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO booking_records (idem_key, kind, episode, session, task, restaurant,"
                + " date, time, party, seating, name, phone, email, notes, status, answer, reward,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      Reservation r = n.reservation();
      p.setString(1, key);
      p.setString(2, n.kind().name());
      p.setString(3, n.episode());
      p.setString(4, n.session());
      p.setInt(5, n.task());
      p.setString(6, r == null ? null : r.restaurant());
      p.setString(7, r == null ? null : r.date().toString());
      p.setString(8, r == null ? null : r.time().toString());
      p.setObject(9, r == null ? null : r.partySize());
      p.setString(10, r == null ? null : r.seating().label());
      p.setString(11, r == null ? null : r.name());
      p.setString(12, r == null ? null : r.phone());
      p.setString(13, r == null ? null : r.email());
      p.setString(14, n.notes() == null ? "" : n.notes());
      p.setString(15, r == null ? null : r.status().name());
      p.setString(16, n.answer());
      p.setDouble(17, reward);
      p.setLong(18, now);
      p.executeUpdate();
      try (ResultSet ids = p.getGeneratedKeys()) {
        ids.next();
        return ids.getLong(1);
      }
    }
  }

  Optional<BookingRecord> record(long id) {
    return db.read("read record " + id, c -> first(records(c, "WHERE record_id = ?", id)));
  }

  /** The session's most recent record: what its done page shows. */
  Optional<BookingRecord> latestOf(String session) {
    return db.read(
        "read the records of session " + session,
        c -> first(records(c, "WHERE session = ? ORDER BY record_id DESC LIMIT 1", session)));
  }

  /** Every record, oldest first. */
  List<BookingRecord> records() {
    return db.read("read the records", c -> records(c, "ORDER BY record_id"));
  }

  /** Every reservation the site holds, oldest first. */
  List<Reservation> reservations() {
    return records().stream()
        .filter(r -> r.kind() == BookingRecord.Kind.RESERVATION)
        .map(BookingRecord::reservation)
        .toList();
  }

  private static <T> Optional<T> first(List<T> list) {
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  private static List<BookingRecord> records(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + COLUMNS + " FROM booking_records " + where)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<BookingRecord> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          BookingRecord.Kind kind = BookingRecord.Kind.valueOf(r.getString("kind"));
          Reservation reservation =
              kind == BookingRecord.Kind.RESERVATION
                  ? new Reservation(
                      r.getString("restaurant"),
                      LocalDate.parse(r.getString("date")),
                      LocalTime.parse(r.getString("time")),
                      r.getInt("party"),
                      Seating.ofLabel(r.getString("seating")).orElseThrow(),
                      r.getString("name"),
                      r.getString("phone"),
                      r.getString("email"),
                      r.getInt("task"),
                      r.getString("episode"),
                      Reservation.Status.valueOf(r.getString("status")))
                  : null;
          out.add(
              new BookingRecord(
                  r.getLong("record_id"),
                  r.getString("idem_key"),
                  r.getString("session"),
                  r.getString("episode"),
                  r.getInt("task"),
                  kind,
                  reservation,
                  r.getString("notes"),
                  r.getString("answer"),
                  r.getDouble("reward"),
                  Instant.ofEpochMilli(r.getLong("created_at")).toString()));
        }
      }
      return out;
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
