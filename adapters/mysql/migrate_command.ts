/**
 * `deno task migrate`: applies vtrest's migrations to the database of
 * `VTIGER_DB_URL` and prints what ran.
 *
 * @module
 */

import { ConfigError, readConfig } from "../env/config.ts";
import { openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrations/migrator.ts";

/** Runs the migrations; returns the process exit code. */
export async function runMigrateCommand(env: Readonly<Record<string, string>>): Promise<number> {
  let url: string | undefined;
  try {
    url = readConfig(env).VTIGER_DB_URL;
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
  const database = openDatabase(url, { connectionLimit: 1 });
  try {
    const results = await migrateToLatest(database.db);
    for (const result of results) console.log(`${result.migrationName}: ${result.status}`);
    console.log(
      results.length === 0 ? "vtrest migrate: already up to date" : "vtrest migrate: done",
    );
    return 0;
  } catch (error) {
    console.error(`vtrest migrate: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  Deno.exit(await runMigrateCommand(Deno.env.toObject()));
}
