/**
 * Notices metadata changes made in Vtiger (a module switched on, a custom
 * field added, a field made mandatory, a picklist value or dependency added)
 * within seconds instead of after `METADATA_TTL_SECONDS`: at most once per
 * interval, and only when asked (a request came), it reads a fingerprint of
 * the metadata tables, a few aggregates in one statement (a row count and an
 * XOR of row checksums per table, a few milliseconds on an install's
 * metadata), and when it differs from the last one it tells its listeners,
 * which then reload in the background. The metadata lifetime stays the upper
 * bound whatever happens here; a failed check is simply tried again later.
 *
 * @module
 */

import { type RawBuilder, sql } from "kysely";
import type { VtigerDb } from "./database.ts";

/** The default of {@linkcode MetadataWatchOptions.intervalSeconds}. */
export const DEFAULT_METADATA_CHECK_SECONDS = 5;

/** Settings of a {@linkcode MetadataWatch}. */
export interface MetadataWatchOptions {
  /** Least time between two fingerprint reads, in seconds. */
  readonly intervalSeconds?: number;
  /** The time source, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

/** Columns a table's row checksum covers, the optional ones only where the install has them. */
const WATCHED: ReadonlyArray<
  { table: string; columns: readonly string[]; optional?: readonly string[] }
> = [
  {
    table: "vtiger_tab",
    columns: ["tabid", "name", "presence", "isentitytype", "tablabel"],
    optional: ["allowduplicates"],
  },
  {
    table: "vtiger_field",
    columns: [
      "fieldid",
      "tabid",
      "fieldname",
      "columnname",
      "tablename",
      "uitype",
      "typeofdata",
      "presence",
      "displaytype",
      "defaultvalue",
      "block",
      "fieldlabel",
    ],
    optional: ["isunique"],
  },
  { table: "vtiger_entityname", columns: ["tabid", "tablename", "fieldname", "entityidfield"] },
  { table: "vtiger_fieldmodulerel", columns: ["fieldid", "relmodule"] },
  { table: "vtiger_modtracker_tabs", columns: ["tabid", "visible"] },
  {
    table: "vtiger_picklist_dependency",
    columns: ["id", "tabid", "sourcefield", "targetfield", "sourcevalue", "targetvalues"],
  },
  { table: "vtiger_role2picklist", columns: ["roleid", "picklistvalueid", "picklistid"] },
  { table: "vtiger_blocks", columns: ["blockid", "tabid", "blocklabel"] },
];

/** Watches the metadata tables for changes. */
export class MetadataWatch {
  #db: VtigerDb;
  #intervalMs: number;
  #now: () => number;
  #listeners: Array<() => void> = [];
  #query: Promise<RawBuilder<Record<string, unknown>>> | undefined;
  #lastCheck = Number.NEGATIVE_INFINITY;
  #fingerprint: string | undefined;
  #running: Promise<void> | undefined;

  /** Watches through `db`; reads nothing before the first {@linkcode MetadataWatch.poll}. */
  constructor(db: VtigerDb, options: MetadataWatchOptions = {}) {
    this.#db = db;
    this.#intervalMs = (options.intervalSeconds ?? DEFAULT_METADATA_CHECK_SECONDS) * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Calls `listener` whenever a check finds the metadata changed. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Starts a check in the background when the last one is older than the
   * interval (one at a time); returns it, for tests. The first check only
   * records the fingerprint.
   */
  poll(): Promise<void> {
    const now = this.#now();
    if (this.#running !== undefined || now - this.#lastCheck < this.#intervalMs) {
      return this.#running ?? Promise.resolve();
    }
    this.#lastCheck = now;
    this.#running = this.#check().catch(() => {
      // A check that fails (database busy or away) is tried again after the interval.
    }).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(): Promise<void> {
    this.#query ??= this.#fingerprintQuery().catch((error) => {
      this.#query = undefined;
      throw error;
    });
    const result = await (await this.#query).execute(this.#db);
    const fingerprint = JSON.stringify(result.rows[0] ?? {});
    const previous = this.#fingerprint;
    this.#fingerprint = fingerprint;
    if (previous !== undefined && previous !== fingerprint) {
      for (const listener of this.#listeners) listener();
    }
  }

  /** The fingerprint statement, over the columns this install has. */
  async #fingerprintQuery(): Promise<RawBuilder<Record<string, unknown>>> {
    const present = await sql<{ table_name: string; column_name: string }>`
      SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${
      sql.join(WATCHED.map((watched) => watched.table))
    })`.execute(this.#db);
    const has = new Set(present.rows.map((row) => `${row.table_name}.${row.column_name}`));
    const parts = WATCHED.filter((watched) =>
      watched.columns.every((column) => has.has(`${watched.table}.${column}`))
    ).map((watched) => {
      const columns = [
        ...watched.columns,
        ...(watched.optional ?? []).filter((column) => has.has(`${watched.table}.${column}`)),
      ];
      const checksum = sql`CONCAT_WS(':', COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', ${
        sql.join(columns.map((column) => sql`COALESCE(${sql.ref(column)}, '\\0')`))
      }))), 0))`;
      return sql`(SELECT ${checksum} FROM ${sql.table(watched.table)}) AS ${
        sql.ref(watched.table)
      }`;
    });
    return sql<Record<string, unknown>>`SELECT ${sql.join(parts)}`;
  }
}
