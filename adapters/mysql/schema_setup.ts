/**
 * What a Vtiger database needs before the service runs on it: vtrest's own
 * tables up to date (its migrations) and Vtiger's ModTracker id sequence,
 * which Vtiger itself creates on its first history entry. Creating them needs
 * CREATE, ALTER and INDEX; running needs only SELECT, INSERT, UPDATE and
 * DELETE. So an administrator runs `deno task migrate` once, and the service
 * can then run as a user with the plain four; a start that lacks a privilege
 * it needs says which before anything is created.
 *
 * @module
 */

import { sql } from "kysely";
import type { MigrationResult } from "kysely/migration";
import type { VtigerDb } from "./database.ts";
import {
  currentAccount,
  grantedOn,
  MIGRATION_PRIVILEGES,
  missingPrivileges,
  readGrants,
  RUNTIME_PRIVILEGES,
} from "./grants.ts";
import {
  migrateToLatest,
  pendingMigrations,
  requireVtigerDatabase,
} from "./migrations/migrator.ts";
import { ensureHistorySequence } from "./records/history.ts";
import { StartupRefusal } from "./startup_errors.ts";

/** Seconds a statement of the set-up may go unanswered (DDL on a busy server). */
export const SCHEMA_SETUP_TIMEOUT_SECONDS = 600;

/** What setting a database up did. */
export interface SchemaSetup {
  /** The migrations applied. */
  readonly migrations: readonly MigrationResult[];
  /** Whether `vtiger_modtracker_basic_seq` was created. */
  readonly createdHistorySequence: boolean;
}

async function hasHistorySequence(db: VtigerDb): Promise<boolean> {
  const found = await sql<{ found: number }>`SELECT COUNT(*) AS found FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'vtiger_modtracker_basic_seq'`.execute(db);
  return Number(found.rows[0]?.found ?? 0) > 0;
}

/** "0002_x, 0003_y to apply and vtiger_modtracker_basic_seq to create". */
function workToDo(pending: readonly string[], sequenceMissing: boolean): string {
  const parts = [];
  if (pending.length > 0) parts.push(`vtrest's migrations ${pending.join(", ")} to apply`);
  if (sequenceMissing) parts.push("vtiger_modtracker_basic_seq to create");
  return parts.join(" and ");
}

/**
 * Checks the user's privileges, then applies what is missing. Throws a
 * {@linkcode StartupRefusal} naming the missing privileges (and, at start,
 * telling to run `deno task migrate`) before creating anything.
 */
export async function setUpSchema(
  db: VtigerDb,
  database: string,
  context: "start" | "migrate",
): Promise<SchemaSetup> {
  await requireVtigerDatabase(db);
  const pending = await pendingMigrations(db);
  const sequenceMissing = !await hasHistorySequence(db);
  const mustCreate = pending.length > 0 || sequenceMissing;
  const granted = grantedOn(await readGrants(db), database);
  const missingToRun = missingPrivileges(granted, RUNTIME_PRIVILEGES);
  const missingToCreate = mustCreate ? missingPrivileges(granted, MIGRATION_PRIVILEGES) : [];
  if (missingToCreate.length > 0) {
    const advice = context === "start"
      ? "run `deno task migrate` once as a database administrator, or grant them"
      : "run it as a database administrator, or grant them";
    throw new StartupRefusal(
      `${await currentAccount(db)} lacks ${
        [...missingToRun, ...missingToCreate].join(", ")
      } on '${database}', needed for ${workToDo(pending, sequenceMissing)}: ${advice}`,
    );
  }
  if (missingToRun.length > 0) {
    throw new StartupRefusal(
      `${await currentAccount(db)} lacks ${missingToRun.join(", ")} on '${database}': ` +
        `vtrest needs ${RUNTIME_PRIVILEGES.join(", ")} on it`,
    );
  }
  const migrations = pending.length > 0 ? await migrateToLatest(db) : [];
  if (sequenceMissing) await ensureHistorySequence(db);
  return { migrations, createdHistorySequence: sequenceMissing };
}
