/**
 * vtrest's own schema, applied with Kysely's migrator. Its bookkeeping tables
 * are `vtrest_migrations` and `vtrest_migrations_lock`; Vtiger's tables are
 * never touched.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { type Migration, type MigrationResult, Migrator } from "kysely/migration";
import * as sessions from "./0001_sessions.ts";

/** Every migration, by name, in the order they apply. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_sessions": sessions,
};

/** Brings vtrest's tables up to date; returns what ran. Throws on a failed migration. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    migrationTableName: "vtrest_migrations",
    migrationLockTableName: "vtrest_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(`Migration ${failed ?? "of vtrest's tables"} failed`, { cause: error });
  }
  return results ?? [];
}
