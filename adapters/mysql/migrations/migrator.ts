/**
 * vtrest's own schema, applied with Kysely's migrator. Its bookkeeping tables
 * are `vtrest_migrations` and `vtrest_migrations_lock`; Vtiger's tables are
 * never touched.
 *
 * @module
 */

import { type DatabaseIntrospector, type Kysely, sql, type TableMetadata } from "kysely";
import { type Migration, type MigrationResult, Migrator } from "kysely/migration";
import { DatabaseError } from "../driver_errors.ts";
import * as sessions from "./0001_sessions.ts";
import * as loginThrottle from "./0002_login_throttle.ts";
import * as sessionHygiene from "./0003_session_hygiene.ts";

/** Every migration, by name, in the order they apply. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_sessions": sessions,
  "0002_login_throttle": loginThrottle,
  "0003_session_hygiene": sessionHygiene,
};

/**
 * The migrations not yet recorded, in order. A start-up with nothing to do
 * asks `vtrest_migrations` directly, in one statement, rather than running
 * Kysely's migrator (which lists the tables and takes its lock first).
 */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<string[]> {
  try {
    const applied = await sql<{ name: string }>`SELECT name FROM vtrest_migrations`.execute(db);
    const names = new Set(applied.rows.map((row) => row.name));
    return Object.keys(MIGRATIONS).filter((name) => !names.has(name));
  } catch (error) {
    if ((error as { errno?: unknown }).errno === ER_NO_SUCH_TABLE) return Object.keys(MIGRATIONS);
    throw error;
  }
}

/** MySQL's "table does not exist". */
const ER_NO_SUCH_TABLE = 1146;

/**
 * Refuses a database that is not a Vtiger install (a wrong `VTIGER_DB_URL`:
 * an empty database, MySQL's own `mysql`), before vtrest adds its tables to it.
 */
export async function requireVtigerDatabase<T>(db: Kysely<T>): Promise<void> {
  const found = await sql<{ name: string | null; tabs: number | string }>`
    SELECT DATABASE() AS name, (SELECT COUNT(*) FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'vtiger_tab') AS tabs`.execute(db);
  const { name = null, tabs = 0 } = found.rows[0] ?? {};
  if (name === null) {
    throw new DatabaseError("The database URL names no database", undefined);
  }
  if (Number(tabs) === 0) {
    throw new DatabaseError(
      `Database '${name}' is not a Vtiger database: it has no vtiger_tab table`,
      undefined,
    );
  }
}

/**
 * What Kysely's migrator learns from introspection, asked narrowly: it only
 * checks whether its two tables exist, but Kysely's own MySQL introspector
 * reads every column of every table first (seconds on Vtiger's 500 tables,
 * and past the statement time limit on a busy server). vtrest's tables alone,
 * without columns, answer the same question.
 */
function vtrestTablesIntrospector<T>(db: Kysely<T>): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const found = await sql<{ name: string; schema: string }>`
      SELECT TABLE_NAME AS name, TABLE_SCHEMA AS \`schema\` FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'vtrest\\_%'`.execute(db);
    return found.rows.map((row) => ({
      name: row.name,
      schema: row.schema,
      isView: false,
      isForeign: false,
      columns: [],
    }));
  };
  return { getSchemas: () => Promise.resolve([]), getTables };
}

/** The handle with its introspection answered by {@linkcode vtrestTablesIntrospector}. */
function withNarrowIntrospection<T>(db: Kysely<T>): Kysely<T> {
  const introspection = vtrestTablesIntrospector(db);
  return new Proxy(db, {
    get(target, property) {
      if (property === "introspection") return introspection;
      const value = Reflect.get(target, property, target);
      // Kysely's methods read private fields: they must run on the handle itself.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Brings vtrest's tables up to date in a Vtiger database; returns what ran.
 * Throws on a failed migration, or when the database is not Vtiger's.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResult[]> {
  await requireVtigerDatabase(db);
  if ((await pendingMigrations(db)).length === 0) return [];
  const migrator = new Migrator({
    db: withNarrowIntrospection(db as unknown as Kysely<unknown>),
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
