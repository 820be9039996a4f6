/**
 * Whether the service can answer from the database right now: the database
 * (and its read replica, when there is one) answers a trivial statement and
 * the module metadata is loaded (loading it if it is not yet), within a
 * short deadline.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleCatalog } from "../../domain/ports.ts";
import type { VtigerDb } from "./database.ts";

/** How long a readiness check may take before it counts as not ready, by default. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

/** Why the service is not ready, or `undefined` when it is; `replica`: `VTIGER_DB_READ_URL`'s. */
export async function mysqlReadiness(
  db: VtigerDb,
  catalog: Pick<ModuleCatalog, "listModules">,
  timeoutMs: number = DEFAULT_READINESS_TIMEOUT_MS,
  replica?: VtigerDb,
): Promise<string | undefined> {
  let waitingFor = "the Vtiger database";
  const check = async (): Promise<string | undefined> => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch {
      return "the Vtiger database cannot be reached";
    }
    if (replica !== undefined) {
      waitingFor = "the Vtiger read replica";
      try {
        await sql`SELECT 1`.execute(replica);
      } catch {
        return "the Vtiger read replica cannot be reached";
      }
    }
    waitingFor = "the Vtiger database";
    try {
      await catalog.listModules();
    } catch {
      return "the module metadata cannot be loaded";
    }
    return undefined;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`${waitingFor} did not answer within ${timeoutMs} ms`),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check(), late]);
  } finally {
    clearTimeout(timer);
  }
}
