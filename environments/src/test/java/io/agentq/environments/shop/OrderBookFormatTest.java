package io.agentq.environments.shop;

import static io.agentq.environments.shop.ShopFixture.buy;
import static io.agentq.environments.shop.ShopFixture.firstOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop's file format did not change when its keys moved into the ledger kit: a database written
 * by the shop before the kit (made here by hand, with that shop's SQL) is read, its keys replay and
 * refuse as before, and a new file has exactly the tables the old shop made.
 */
class OrderBookFormatTest {
  /** The shop's schema before the ledger kit (schema version 1), as that code wrote it. */
  private static final List<String> PRE_KIT_SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, task INTEGER NOT NULL,"
              + " sandbox INTEGER NOT NULL, created_at INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS orders (order_id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " idem_key TEXT NOT NULL, episode TEXT NOT NULL, session TEXT NOT NULL,"
              + " task INTEGER NOT NULL, asin TEXT NOT NULL, options TEXT NOT NULL,"
              + " price REAL NOT NULL, reward REAL NOT NULL, reward_breakdown TEXT NOT NULL,"
              + " fingerprint TEXT NOT NULL, request_options TEXT NOT NULL,"
              + " created_at INTEGER NOT NULL)",
          "CREATE INDEX IF NOT EXISTS orders_by_key ON orders(idem_key)",
          "CREATE INDEX IF NOT EXISTS orders_by_session ON orders(session)",
          "CREATE TABLE IF NOT EXISTS idempotency_keys (idem_key TEXT PRIMARY KEY,"
              + " fingerprint TEXT NOT NULL, order_id INTEGER NOT NULL REFERENCES orders(order_id),"
              + " status INTEGER NOT NULL, created_at INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " idem_key TEXT, session TEXT NOT NULL, episode TEXT NOT NULL, fingerprint TEXT,"
              + " outcome TEXT NOT NULL, at INTEGER NOT NULL)",
          "PRAGMA user_version = 1");

  @TempDir Path dir;

  private static Connection plain(Path file) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  private static void createPreKit(Path file) throws Exception {
    try (Connection c = plain(file);
        Statement s = c.createStatement()) {
      for (String sql : PRE_KIT_SCHEMA) {
        s.executeUpdate(sql);
      }
    }
  }

  /** The request fingerprint as the pre-kit shop computed it, worked out here without its code. */
  private static String preKitFingerprint(String session, String asin, Map<String, String> options)
      throws Exception {
    StringBuilder json = new StringBuilder("[\"" + session + "\",\"" + asin + "\"");
    new TreeMap<>(options)
        .forEach((n, v) -> json.append(",[\"").append(n).append("\",\"").append(v).append("\"]"));
    json.append(']');
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDatabaseWrittenBeforeTheKitIsReadAndItsKeysReplayAndRefuse() throws Exception {
    Path file = dir.resolve("old-shop.db");
    createPreKit(file);
    Product p = ShopFixture.target();
    Map<String, String> options = firstOptions(p);
    String key = "ep-o:irreversible:1";
    String print = preKitFingerprint("live-o", p.asin(), options);
    assertEquals(print, IdempotencyKeys.request("live-o", p.asin(), options).fingerprint());
    long at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    RewardBreakdown reward = new RewardBreakdown(1.0, 1.0, 2, 2, 1, 1, true, 1.0);
    ObjectMapper json = new ObjectMapper();
    try (Connection c = plain(file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO sessions (id, task, sandbox, created_at) VALUES ('live-o', 0, 0, "
              + at
              + ")");
      try (PreparedStatement o =
          c.prepareStatement(
              "INSERT INTO orders (idem_key, episode, session, task, asin, options, price, reward,"
                  + " reward_breakdown, fingerprint, request_options, created_at)"
                  + " VALUES (?, 'ep-live-o', 'live-o', 0, ?, ?, 12.5, 1.0, ?, ?, ?, ?)")) {
        o.setString(1, key);
        o.setString(2, p.asin());
        o.setString(3, json.writeValueAsString(options));
        o.setString(4, json.writeValueAsString(reward));
        o.setString(5, print);
        o.setString(6, json.writeValueAsString(new TreeMap<>(options)));
        o.setLong(7, at);
        o.executeUpdate();
      }
      try (PreparedStatement k =
          c.prepareStatement(
              "INSERT INTO idempotency_keys (idem_key, fingerprint, order_id, status, created_at)"
                  + " VALUES (?, ?, 1, 303, ?)")) {
        k.setString(1, key);
        k.setString(2, print);
        k.setLong(3, at);
        k.executeUpdate();
      }
    }

    try (ShopServer shop = ShopFixture.start(ShopServer.Options.at(file))) {
      ShopSite site = new ShopSite(shop.baseUrl());
      OrderLookup found = site.lookup(key);
      assertEquals(OrderLookup.State.TAKEN, found.state());
      Order o = found.order();
      assertEquals(1, o.orderId());
      assertEquals("ep-live-o", o.episode());
      assertEquals(p.asin(), o.asin());
      assertEquals(options, o.options());
      assertEquals(12.5, o.price());
      assertEquals(reward, o.rewardBreakdown());
      assertEquals(Instant.ofEpochMilli(at), o.created());
      assertEquals(print, o.request().fingerprint());

      HttpResponse<String> again = buy(shop, "live-o", p, options, key);
      assertEquals(303, again.statusCode(), again.body());
      assertEquals("true", again.headers().firstValue(ShopServer.IDEMPOTENT_REPLAYED).orElse(null));
      HttpResponse<String> other = buy(shop, "live-o", ShopFixture.another(), Map.of(), key);
      assertEquals(422, other.statusCode(), other.body());
      assertEquals(List.of(o), site.orders());
      assertTrue(
          ShopFixture.get(shop.baseUrl() + "/s/live-o/done").body().contains(p.asin()),
          "the done page shows the old order");
    }
    assertEquals(1, userVersion(file));
  }

  @Test
  void aNewFileHasExactlyTheTablesOfThePreKitShop() throws Exception {
    Path old = dir.resolve("pre-kit.db");
    createPreKit(old);
    Path fresh = dir.resolve("with-kit.db");
    OrderBook.open(fresh).close();
    assertEquals(schema(old), schema(fresh));
    assertEquals(1, userVersion(fresh));
    assertEquals(1, OrderBook.SCHEMA_VERSION);
  }

  private static List<String> schema(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = plain(file);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    + " WHERE name NOT LIKE 'sqlite_%' ORDER BY name")) {
      while (r.next()) {
        out.add(
            r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + ": " + r.getString(4));
      }
    }
    assertTrue(out.size() >= 6, out.toString());
    return out;
  }

  private static int userVersion(Path file) throws Exception {
    try (Connection c = plain(file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.getInt(1);
    }
  }
}
