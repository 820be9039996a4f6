/**
 * Migration 0002: `vtrest_counters`, the windowed event counters behind the
 * login throttle, shared by every instance of the service. Keys are SHA-256
 * digests of what is counted, so a row has a fixed size whatever a client
 * sends.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";

/** Creates `vtrest_counters`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable("vtrest_counters").ifNotExists()
    .addColumn("counter_key", "char(64)", (column) => column.primaryKey())
    .addColumn("hits", sql`int unsigned`, (column) => column.notNull())
    .addColumn("first_at", sql`datetime(3)`, (column) => column.notNull())
    .addColumn("last_at", sql`datetime(3)`, (column) => column.notNull())
    .addColumn("expires_at", sql`datetime(3)`, (column) => column.notNull())
    .modifyEnd(sql`ENGINE=InnoDB DEFAULT CHARSET=ascii`)
    .execute();
  await db.schema.createIndex("vtrest_counters_expires_idx").on("vtrest_counters")
    .column("expires_at").execute();
}

/** Drops `vtrest_counters`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("vtrest_counters").ifExists().execute();
}
