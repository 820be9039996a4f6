/**
 * Migration 0001: vtrest's session table, `vtrest_sessions`. Tokens are kept
 * only as their SHA-256 hash.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";

/** Creates `vtrest_sessions`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable("vtrest_sessions").ifNotExists()
    .addColumn("token_hash", "char(64)", (column) => column.primaryKey())
    .addColumn("user_id", "integer", (column) => column.notNull())
    .addColumn("created_at", sql`datetime(3)`, (column) => column.notNull())
    .addColumn("expires_at", sql`datetime(3)`, (column) => column.notNull())
    .modifyEnd(sql`ENGINE=InnoDB DEFAULT CHARSET=ascii`)
    .execute();
  await db.schema.createIndex("vtrest_sessions_expires_idx").on("vtrest_sessions")
    .column("expires_at").execute();
}

/** Drops `vtrest_sessions`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("vtrest_sessions").ifExists().execute();
}
