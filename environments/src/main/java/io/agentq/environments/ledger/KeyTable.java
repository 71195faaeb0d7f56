package io.agentq.environments.ledger;

/**
 * Where a site keeps its Idempotency-Keys: the table's name and the column that names the site's
 * record made under each key, with the foreign key to that record (so a key row can never name a
 * record that does not exist).
 *
 * @param name the keys' table, e.g. {@code idempotency_keys}
 * @param recordColumn the column holding the record's id, e.g. {@code order_id}
 * @param recordTable the site's table of records, e.g. {@code orders}
 * @param recordIdColumn that table's integer primary key, e.g. {@code order_id}
 */
public record KeyTable(
    String name, String recordColumn, String recordTable, String recordIdColumn) {
  public KeyTable {
    for (String identifier : new String[] {name, recordColumn, recordTable, recordIdColumn}) {
      if (identifier == null || !identifier.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "a key table's names are lower-case SQL identifiers, not '" + identifier + "'");
      }
    }
  }

  /**
   * The table's definition. The primary key on the key is the last guard against a second record
   * under one key: it holds across processes, where a process's map of keys in flight does not.
   */
  String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + name
        + " (idem_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
        + recordColumn
        + " INTEGER NOT NULL REFERENCES "
        + recordTable
        + "("
        + recordIdColumn
        + "), status INTEGER NOT NULL, created_at INTEGER NOT NULL)";
  }
}
