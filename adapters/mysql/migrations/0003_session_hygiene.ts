/**
 * Migration 0003: each session remembers its user's credential fingerprint
 * (a password or access key change then ends it), and sessions are indexed by
 * user, to keep each user's newest ones. Sessions opened before it carry an
 * empty fingerprint, which matches no user: their users log in once more.
 *
 * @module
 */

import type { Kysely } from "kysely";

/** Adds `credential_fingerprint` and the per-user index to `vtrest_sessions`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("vtrest_sessions")
    .addColumn("credential_fingerprint", "char(64)", (column) => column.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("vtrest_sessions_user_idx").on("vtrest_sessions")
    .columns(["user_id", "created_at"]).execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("vtrest_sessions_user_idx").on("vtrest_sessions").execute();
  await db.schema.alterTable("vtrest_sessions").dropColumn("credential_fingerprint").execute();
}
