/**
 * `deno task migrate`: run once by a database administrator, it creates what
 * vtrest needs in the Vtiger database of `VTIGER_DB_URL` (its own tables, and
 * `vtiger_modtracker_basic_seq` as Vtiger itself would), after which the
 * service can run as a user with SELECT, INSERT, UPDATE and DELETE only.
 * Prints what it did; a failure is one line and exit code 1.
 *
 * @module
 */

import { sql } from "kysely";
import { ConfigError, readConfig } from "../env/config.ts";
import { openDatabase } from "./database.ts";
import { SCHEMA_SETUP_TIMEOUT_SECONDS, setUpSchema } from "./schema_setup.ts";
import { describeStartupError, StartupDatabaseError } from "./startup_errors.ts";

/** Runs the migrations; returns the process exit code. */
export async function runMigrateCommand(env: Readonly<Record<string, string>>): Promise<number> {
  let url: string | undefined;
  let connectTimeoutSeconds: number;
  try {
    const config = readConfig(env);
    url = config.VTIGER_DB_URL;
    connectTimeoutSeconds = config.DB_CONNECT_TIMEOUT_SECONDS;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`vtrest migrate: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (url === undefined) {
    console.error("vtrest migrate: VTIGER_DB_URL is not set");
    return 1;
  }
  const database = openDatabase(url, {
    connectionLimit: 1,
    connectTimeoutSeconds,
    queryTimeoutSeconds: SCHEMA_SETUP_TIMEOUT_SECONDS,
  });
  try {
    try {
      await sql`SELECT 1`.execute(database.db);
    } catch (error) {
      throw new StartupDatabaseError(database.where, error);
    }
    const { migrations, createdHistorySequence } = await setUpSchema(
      database.db,
      database.name,
      "migrate",
    );
    for (const result of migrations) console.log(`${result.migrationName}: ${result.status}`);
    if (createdHistorySequence) console.log("vtiger_modtracker_basic_seq: created");
    console.log(
      migrations.length === 0 && !createdHistorySequence
        ? "vtrest migrate: already up to date"
        : "vtrest migrate: done",
    );
    return 0;
  } catch (error) {
    console.error(`vtrest migrate: ${describeStartupError(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  Deno.exit(await runMigrateCommand(Deno.env.toObject()));
}
