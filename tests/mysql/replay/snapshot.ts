/**
 * Snapshots of a whole Vtiger database, taken the way the oracle recorder
 * took them (`mysqldump --complete-insert`, every table but `vtrest_*`): each
 * row as its columns in table order, every value as the text MySQL prints
 * (numbers too) and NULL as `null`; and the multiset difference of two
 * snapshots, per table. Also restores a database to an earlier snapshot, so
 * that scenarios share one loaded dump.
 *
 * @module
 */

import { type Connection, createConnection, type FieldPacket } from "mysql2";
import { databaseUrl } from "../vtiger_test_database.ts";

/** One row: column → value as MySQL prints it, in table column order. */
export type Row = Record<string, string | null>;

/** One table's rows and its AUTO_INCREMENT counter. */
export interface TableSnapshot {
  /** Column names in table order. */
  readonly columns: readonly string[];
  /** Every row. */
  readonly rows: readonly Row[];
  /** The next AUTO_INCREMENT value, when the table has one. */
  readonly autoIncrement: number | null;
}

/** Every table but vtrest's own, by name. */
export type Snapshot = ReadonlyMap<string, TableSnapshot>;

/** Rows a step removed from and added to one table. */
export interface TableDiff {
  /** Rows gone (an updated row is one removed and one added). */
  readonly removed: Row[];
  /** Rows new. */
  readonly added: Row[];
}

/** A step's difference, per table that changed. */
export type Diff = Record<string, TableDiff>;

/** A connection that reads every value as the text the server sent. */
export interface SnapshotConnection {
  /** Runs a query and returns its rows as arrays of text, with the field names. */
  query(text: string, values?: unknown[]): Promise<{ rows: (string | null)[][]; fields: string[] }>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** Opens a text-only connection on a database of the test server. */
export function openSnapshotConnection(database: string): SnapshotConnection {
  const url = new URL(databaseUrl(database));
  const connection: Connection = createConnection({
    host: url.hostname,
    port: url.port === "" ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username) || "root",
    password: decodeURIComponent(url.password),
    database,
    charset: "utf8mb4",
    rowsAsArray: true,
    // Every column as the text MySQL sent, exactly as mysqldump prints it.
    typeCast: (field) => field.string("utf8"),
  });
  return {
    query: (text, values = []) =>
      new Promise((resolve, reject) => {
        connection.query(
          { sql: text, values, rowsAsArray: true },
          (error: Error | null, rows: unknown, fields: FieldPacket[] | undefined) => {
            if (error) reject(error);
            else {
              resolve({
                rows: rows as (string | null)[][],
                fields: (fields ?? []).map((field) => field.name),
              });
            }
          },
        );
      }),
    close: () => new Promise((resolve) => connection.end(() => resolve())),
  };
}

const quoteId = (name: string): string => `\`${name.replaceAll("`", "``")}\``;

/** Reads every row of every table (vtrest's own tables excepted). */
export async function takeSnapshot(connection: SnapshotConnection): Promise<Snapshot> {
  const tables = await connection.query(
    `SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'vtrest\\_%'
     ORDER BY TABLE_NAME`,
  );
  const snapshot = new Map<string, TableSnapshot>();
  for (const [name, autoIncrement] of tables.rows) {
    const table = name as string;
    const { rows, fields } = await connection.query(`SELECT * FROM ${quoteId(table)}`);
    snapshot.set(table, {
      columns: fields,
      rows: rows.map((values) => Object.fromEntries(fields.map((field, i) => [field, values[i]]))),
      autoIncrement: autoIncrement === null ? null : Number(autoIncrement),
    });
  }
  return snapshot;
}

const rowKey = (row: Row): string => JSON.stringify(Object.values(row));

function multisetMinus(left: readonly Row[], right: readonly Row[]): Row[] {
  const counts = new Map<string, number>();
  for (const row of right) counts.set(rowKey(row), (counts.get(rowKey(row)) ?? 0) + 1);
  const result: Row[] = [];
  for (const row of left) {
    const key = rowKey(row);
    const count = counts.get(key) ?? 0;
    if (count > 0) counts.set(key, count - 1);
    else result.push(row);
  }
  return result;
}

/** The rows each table lost and gained from `before` to `after` (tables only in one count too). */
export function diffSnapshots(before: Snapshot, after: Snapshot): Diff {
  const diff: Diff = {};
  const names = new Set([...before.keys(), ...after.keys()]);
  for (const name of [...names].sort()) {
    const old = before.get(name)?.rows ?? [];
    const now = after.get(name)?.rows ?? [];
    const removed = multisetMinus(old, now);
    const added = multisetMinus(now, old);
    if (removed.length > 0 || added.length > 0) diff[name] = { removed, added };
  }
  return diff;
}

/**
 * Puts the database back to `base`: every table of `base` whose rows or
 * counter differ gets its rows again (and its AUTO_INCREMENT). A table made
 * since is left as it is: the one vtrest makes is Vtiger's own
 * `vtiger_modtracker_basic_seq` (created on the first write, as Vtiger's
 * `GenID` does, and remembered by the running service), whose counter
 * placeholders are relative anyway. Foreign keys are not checked while rows
 * come back.
 */
export async function restoreSnapshot(
  connection: SnapshotConnection,
  base: Snapshot,
): Promise<void> {
  const current = await takeSnapshot(connection);
  const changed = diffSnapshots(base, current);
  await connection.query("SET FOREIGN_KEY_CHECKS = 0");
  try {
    for (const [name, table] of base) {
      const now = current.get(name);
      if (now === undefined) throw new Error(`Table ${name} was dropped; it cannot be restored`);
      const counterMoved = now.autoIncrement !== table.autoIncrement;
      if (changed[name] === undefined && !counterMoved) continue;
      await connection.query(`DELETE FROM ${quoteId(name)}`);
      for (const row of table.rows) {
        const columns = Object.keys(row);
        await connection.query(
          `INSERT INTO ${quoteId(name)} (${columns.map(quoteId).join(", ")}) VALUES (${
            columns.map(() => "?").join(", ")
          })`,
          Object.values(row),
        );
      }
      if (table.autoIncrement !== null) {
        await connection.query(
          `ALTER TABLE ${quoteId(name)} AUTO_INCREMENT = ${table.autoIncrement}`,
        );
      }
    }
  } finally {
    await connection.query("SET FOREIGN_KEY_CHECKS = 1");
  }
}
