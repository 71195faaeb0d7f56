package io.agentq.environments.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.environments.ledger.CounterSite.Increment;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's record and its key's row are written in one transaction: whatever fails between them
 * leaves neither, and a second site on the same file, which cannot see the first one's keys in
 * flight, still makes no second record.
 */
class KeyLedgerAtomicityTest {
  @TempDir Path dir;

  @Test
  void aWriterThatThrowsAfterWritingItsRecordLeavesNeitherRecordNorKey() {
    try (CounterSite site = new CounterSite(dir.resolve("counter.db"))) {
      RecordWriter crashes =
          (c, key, now) -> {
            site.writer(5).write(c, key, now); // the record row is written...
            throw new IllegalStateException("simulated crash before the key's row");
          };
      KeyedOutcome<Increment> failed = site.endpoint.submit("k1", CounterSite.print(5), crashes);
      assertEquals(500, assertInstanceOf(KeyedOutcome.Failed.class, failed).status());
      assertTrue(failed.reason().contains("simulated crash"), failed.reason());
      assertEquals(List.of(), site.increments(), "the record went with the transaction");
      assertEquals(0, site.keyRows());
      assertEquals(KeyLookup.State.ABSENT, site.endpoint.lookup("k1").state());

      // The key is free again: the retry makes the one record.
      assertInstanceOf(KeyedOutcome.Created.class, site.add("k1", 5));
      assertEquals(1, site.increments().size());
    }
  }

  @Test
  void aKeyRowThatCannotBeWrittenTakesTheRecordWithIt() {
    try (CounterSite site = new CounterSite(dir.resolve("counter.db"))) {
      // The record is written, then the key row names a record that does not exist: the foreign
      // key refuses the key row, inside the same transaction as the record.
      RecordWriter namesNoRecord =
          (c, key, now) -> {
            site.writer(5).write(c, key, now);
            return 999;
          };
      KeyedOutcome<Increment> failed =
          site.endpoint.submit("k2", CounterSite.print(5), namesNoRecord);
      assertInstanceOf(KeyedOutcome.Failed.class, failed);
      assertTrue(failed.reason().contains("FOREIGN KEY"), failed.reason());
      assertEquals(List.of(), site.increments(), "no record without its key");
      assertEquals(0, site.keyRows());
    }
  }

  @Test
  void aSecondSiteOnTheSameFileReplaysTheKeyTheFirstWroteWhileItWaited() {
    Path file = dir.resolve("counter.db");
    AtomicReference<CounterSite> first = new AtomicReference<>();
    // B has already looked for the key (absent) when A writes it: B's check inside its own
    // write transaction is what finds A's row.
    Runnable aWritesMeanwhile = () -> first.get().add("k3", 5);
    try (CounterSite a = new CounterSite(file);
        CounterSite b = new CounterSite(file, Clock.systemUTC(), aWritesMeanwhile)) {
      first.set(a);
      KeyedOutcome<Increment> viaB = b.add("k3", 5);
      assertInstanceOf(KeyedOutcome.Replayed.class, viaB);
      assertEquals(1, a.writes.get());
      assertEquals(0, b.writes.get());
      assertEquals(1, b.increments().size());
      assertEquals(b.increments().get(0), ((KeyedOutcome.Replayed<Increment>) viaB).record());
    }
  }

  @Test
  void keyTableNamesAreCheckedAndTheTableFollowsThem() throws Exception {
    try (CounterSite site = new CounterSite(dir.resolve("counter.db"))) {
      String sql =
          site.db.read(
              "read the schema",
              c -> {
                try (PreparedStatement p =
                    c.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
                  p.setString(1, "counter_keys");
                  var r = p.executeQuery();
                  r.next();
                  return r.getString(1);
                }
              });
      assertEquals(
          "CREATE TABLE counter_keys (idem_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
              + " increment_id INTEGER NOT NULL REFERENCES increments(id), status INTEGER NOT NULL,"
              + " created_at INTEGER NOT NULL)",
          sql);
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new KeyTable("keys; DROP", "a", "b", "c"));
  }
}
