package io.agentq.environments.ledger;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny fake site for the kit's tests: its irreversible request adds an amount to a counter, and
 * its record is one row of {@code increments}. Nothing about it is the shop's, so tests on it show
 * the kit is site-independent.
 */
final class CounterSite implements AutoCloseable {
  static final KeyTable KEYS = new KeyTable("counter_keys", "increment_id", "increments", "id");
  static final int CREATED = 201;

  /** One row of the counter: the site's record. */
  record Increment(long id, String key, int amount, Instant at) {}

  final SiteDatabase db;
  final KeyLedger ledger;
  final IdempotentEndpoint<Increment> endpoint;
  final AtomicInteger writes = new AtomicInteger();

  CounterSite(Path file, Clock clock, Runnable beforeWrite) {
    db =
        SiteDatabase.open(
            file,
            "counter",
            c -> {
              try (Statement s = c.createStatement()) {
                s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS increments (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " idem_key TEXT NOT NULL, amount INTEGER NOT NULL,"
                        + " at INTEGER NOT NULL)");
              }
              KeyLedger.createTable(c, KEYS);
              return null;
            });
    ledger = new KeyLedger(db, KEYS, clock);
    endpoint = new IdempotentEndpoint<>(ledger, this::increment, "increment", CREATED, beforeWrite);
  }

  CounterSite(Path file) {
    this(file, Clock.systemUTC(), () -> {});
  }

  /** The request "add {@code amount}": its fingerprint is the amount. */
  static String print(int amount) {
    return Fingerprint.of(List.of("add", amount));
  }

  /** Adds {@code amount} under the key header {@code header}. */
  KeyedOutcome<Increment> add(String header, int amount) {
    return endpoint.submit(header, print(amount), writer(amount));
  }

  RecordWriter writer(int amount) {
    return (c, key, now) -> {
      writes.incrementAndGet();
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO increments (idem_key, amount, at) VALUES (?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, key);
        p.setInt(2, amount);
        p.setLong(3, now.toEpochMilli());
        p.executeUpdate();
        try (ResultSet r = p.getGeneratedKeys()) {
          r.next();
          return r.getLong(1);
        }
      }
    };
  }

  Optional<Increment> increment(long id) {
    return increments().stream().filter(i -> i.id() == id).findFirst();
  }

  List<Increment> increments() {
    return db.read(
        "read the increments",
        c -> {
          List<Increment> out = new java.util.ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT id, idem_key, amount, at FROM increments")) {
            while (r.next()) {
              out.add(
                  new Increment(
                      r.getLong(1),
                      r.getString(2),
                      r.getInt(3),
                      Instant.ofEpochMilli(r.getLong(4))));
            }
          }
          return out;
        });
  }

  /** The rows of the keys' table, read directly. */
  int keyRows() {
    return db.read(
        "count keys",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT COUNT(*) FROM counter_keys")) {
            r.next();
            return r.getInt(1);
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }

  /** A clock a test moves by hand. */
  static final class HandClock extends Clock {
    private Instant now;

    HandClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
